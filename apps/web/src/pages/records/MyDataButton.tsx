import { DownloadOutlined } from "@ant-design/icons";
import { Button, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { downloadMyData } from "../../api/records";
import { useFeedback } from "../../components/feedback";

/** A resident downloads everything kept about them as one JSON file (PIPL right of access). */
export function MyDataButton() {
  const { t } = useTranslation();
  const { failure } = useFeedback();
  const [pending, setPending] = useState(false);
  return (
    <div>
      <Button
        icon={<DownloadOutlined />}
        loading={pending}
        onClick={async () => {
          setPending(true);
          try {
            await downloadMyData();
          } catch (error) {
            failure(error);
          } finally {
            setPending(false);
          }
        }}
      >
        {t("records.privacy.downloadMyData")}
      </Button>
      <Typography.Paragraph type="secondary" style={{ marginTop: 4 }}>
        {t("records.privacy.downloadMyDataHelp")}
      </Typography.Paragraph>
    </div>
  );
}
