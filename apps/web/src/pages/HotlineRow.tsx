import { PhoneOutlined } from "@ant-design/icons";
import { Button, Typography } from "antd";
import { useTranslation } from "react-i18next";

/** A hotline as a big tap target: on a phone, tapping dials. */
export function HotlineRow({ label, phone }: { label: string; phone: string }) {
  const { t } = useTranslation();
  const dial = `tel:${phone.replace(/[^\d+]/g, "")}`;
  return (
    <div className="hotline">
      <div>
        <Typography.Text type="secondary">{label}</Typography.Text>
        <div>
          <a className="hotline-number" href={dial}>
            {phone}
          </a>
        </div>
      </div>
      <Button
        type="primary"
        shape="round"
        icon={<PhoneOutlined />}
        href={dial}
        aria-label={`${t("publicEstate.call")} ${label} ${phone}`}
      >
        {t("publicEstate.call")}
      </Button>
    </div>
  );
}
