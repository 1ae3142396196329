import { EyeOutlined } from "@ant-design/icons";
import { Button, Tooltip } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { type RevealedContact, revealCaseContact } from "../../api/records";
import { useFeedback } from "../../components/feedback";
import { isMasked } from "./recordsText";

/**
 * A masked contact (PIPL) with a button that reveals it in full: an explicit action the server
 * records in the audit log. Shows the value as given when it is not masked.
 */
export function RevealableContact({
  caseId,
  value,
  field,
}: {
  caseId: string;
  value: string | null;
  field: keyof RevealedContact;
}) {
  const { t } = useTranslation();
  const { failure } = useFeedback();
  const [revealed, setRevealed] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  if (!isMasked(value)) return <>{value ?? "—"}</>;
  if (revealed !== null) return <>{revealed}</>;
  return (
    <span>
      {value}{" "}
      <Tooltip title={t("records.privacy.revealHelp")}>
        <Button
          size="small"
          type="link"
          className="no-print"
          icon={<EyeOutlined />}
          loading={pending}
          onClick={async () => {
            setPending(true);
            try {
              const contact = await revealCaseContact(caseId);
              setRevealed(contact[field] ?? "—");
            } catch (error) {
              failure(error);
            } finally {
              setPending(false);
            }
          }}
        >
          {t("records.privacy.reveal")}
        </Button>
      </Tooltip>
    </span>
  );
}
