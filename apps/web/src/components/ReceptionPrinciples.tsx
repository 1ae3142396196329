import { SafetyCertificateOutlined } from "@ant-design/icons";
import { Card, Typography } from "antd";
import { useTranslation } from "react-i18next";

/** the reception principles, always in view of whoever takes a complaint. */
export function ReceptionPrinciples() {
  const { t } = useTranslation();
  const items = [t("principles.serviceFirst"), t("principles.noPromise"), t("principles.protectImage")];
  return (
    <Card
      size="small"
      className="principles"
      role="note"
      aria-label={t("principles.title")}
      title={
        <span>
          <SafetyCertificateOutlined /> {t("principles.title")}
        </span>
      }
    >
      <ol className="principles-list">
        {items.map((item) => (
          <li key={item}>
            <Typography.Text strong>{item}</Typography.Text>
          </li>
        ))}
      </ol>
      <Typography.Text type="secondary">{t("principles.hint")}</Typography.Text>
    </Card>
  );
}
