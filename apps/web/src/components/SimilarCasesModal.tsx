import { Alert, Button, Modal } from "antd";
import { useTranslation } from "react-i18next";
import type { SimilarCase } from "../api/errors";
import { CaseMiniList } from "./CaseMiniList";

interface SimilarCasesModalProps {
  /** null: closed. */
  cases: SimilarCase[] | null;
  saving: boolean;
  onConfirm: () => void;
  onCancel: () => void;
}

/**
 * 409 SIMILAR_CASE: the unit has an open case of the same kind from the last days. The clerk
 * either opens it (the caller is chasing the same problem) or confirms this is a new one.
 */
export function SimilarCasesModal({ cases, saving, onConfirm, onCancel }: SimilarCasesModalProps) {
  const { t } = useTranslation();
  return (
    <Modal
      open={cases !== null}
      title={t("similar.title")}
      onCancel={onCancel}
      width={640}
      footer={[
        <Button key="cancel" onClick={onCancel}>
          {t("similar.back")}
        </Button>,
        <Button key="confirm" type="primary" danger loading={saving} onClick={onConfirm} autoFocus>
          {t("similar.saveAnyway")}
        </Button>,
      ]}
    >
      <Alert type="warning" showIcon title={t("similar.explain")} style={{ marginBottom: 12 }} />
      <CaseMiniList cases={cases ?? []} openLabel={t("similar.openExisting")} />
    </Modal>
  );
}
