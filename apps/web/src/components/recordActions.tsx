import { useTranslation } from "react-i18next";
import { ApiError } from "../api/errors";
import { useFeedback } from "./feedback";

interface RecordActionOptions {
  name: string;
  /** DELETE the record. */
  remove?: () => Promise<void>;
  /** PATCH {active}. */
  setActive: (active: boolean) => Promise<unknown>;
}

/**
 * Confirmed destructive actions. Deleting a record that others refer to fails with 409
 * IN_USE; the user is then offered to deactivate it instead, as the procedure keeps history.
 */
export function useRecordActions() {
  const { t } = useTranslation();
  const { modal, success, failure } = useFeedback();

  const deactivate = ({ name, setActive }: RecordActionOptions) =>
    modal.confirm({
      title: t("common.confirmDeactivateTitle", { name }),
      content: t("common.confirmDeactivateContent"),
      okText: t("common.deactivate"),
      okButtonProps: { danger: true },
      cancelText: t("common.cancel"),
      onOk: async () => {
        try {
          await setActive(false);
          success(t("common.deactivated"));
        } catch (error) {
          failure(error);
        }
      },
    });

  const reactivate = async ({ setActive }: RecordActionOptions) => {
    try {
      await setActive(true);
      success(t("common.reactivated"));
    } catch (error) {
      failure(error);
    }
  };

  const remove = ({ name, remove: removeRecord, setActive }: RecordActionOptions) =>
    modal.confirm({
      title: t("common.confirmDeleteTitle", { name }),
      content: t("common.confirmDeleteContent"),
      okText: t("common.delete"),
      okButtonProps: { danger: true },
      cancelText: t("common.cancel"),
      onOk: async () => {
        if (!removeRecord) return;
        try {
          await removeRecord();
          success(t("common.deleted"));
        } catch (error) {
          if (error instanceof ApiError && error.code === "IN_USE") {
            modal.confirm({
              title: t("common.inUseTitle", { name }),
              content: t("common.inUseContent"),
              okText: t("common.inUseOk"),
              cancelText: t("common.cancel"),
              onOk: async () => {
                try {
                  await setActive(false);
                  success(t("common.deactivated"));
                } catch (inner) {
                  failure(inner);
                }
              },
            });
            return;
          }
          failure(error);
        }
      },
    });

  /** A confirmed delete of something nothing else refers to (settings rows, calendar days). */
  const confirmDelete = ({ title, removeRecord }: { title: string; removeRecord: () => Promise<unknown> }) =>
    modal.confirm({
      title,
      content: t("common.confirmDeleteContent"),
      okText: t("common.delete"),
      okButtonProps: { danger: true },
      cancelText: t("common.cancel"),
      onOk: async () => {
        try {
          await removeRecord();
          success(t("common.deleted"));
        } catch (error) {
          failure(error);
        }
      },
    });

  return { deactivate, reactivate, remove, confirmDelete };
}
