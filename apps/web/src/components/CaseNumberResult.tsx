import { CheckCircleFilled, CopyOutlined } from "@ant-design/icons";
import { Button, Result, Space, Typography } from "antd";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { copyText } from "./copyText";
import { useFeedback } from "./feedback";

interface CaseNumberResultProps {
  number: string;
  title: string;
  /** A line under the number, e.g. "请向来电人复述编号". */
  hint?: ReactNode;
  children?: ReactNode;
  actions: ReactNode;
}

/** The number of a case just filed, large enough to read out over the phone, with a copy button. */
export function CaseNumberResult({ number, title, hint, children, actions }: CaseNumberResultProps) {
  const { t } = useTranslation();
  const { success, message } = useFeedback();
  return (
    <Result
      icon={<CheckCircleFilled style={{ color: "#52c41a" }} />}
      title={title}
      subTitle={
        <Space orientation="vertical" size={4} style={{ width: "100%" }}>
          <div className="case-number-big">{number}</div>
          <div>
            <Button
              icon={<CopyOutlined />}
              onClick={async () => {
                if (await copyText(number)) success(t("cases.copied"));
                else void message.warning(t("cases.copyFailed"));
              }}
            >
              {t("cases.copyNumber")}
            </Button>
          </div>
          {hint ? <Typography.Text strong>{hint}</Typography.Text> : null}
          {children}
        </Space>
      }
      extra={actions}
    />
  );
}
