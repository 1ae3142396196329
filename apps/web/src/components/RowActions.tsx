import { Button, Dropdown, Space } from "antd";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import type { useRecordActions } from "./recordActions";

export interface RowActionTarget {
  name: string;
  setActive: (active: boolean) => Promise<unknown>;
  remove?: () => Promise<void>;
}

export interface RowActionsProps {
  active: boolean;
  target: RowActionTarget;
  actions: ReturnType<typeof useRecordActions>;
  /** Opens the record; "edit" for managers, "details" otherwise. */
  onOpen: () => void;
  canManage?: boolean;
  /** Extra menu entries placed before deactivate/delete. */
  extra?: { key: string; label: ReactNode; onClick: () => void }[];
  /** Something shown before the buttons (a link to a detail page). */
  leading?: ReactNode;
}

/** Edit, then deactivate/reactivate and delete behind "more" so they are not clicked by accident. */
export function RowActions({
  active,
  target,
  actions,
  onOpen,
  canManage = true,
  extra = [],
  leading,
}: RowActionsProps) {
  const { t } = useTranslation();
  return (
    <Space size={0} wrap>
      {leading}
      <Button type="link" size="small" onClick={onOpen}>
        {canManage ? t("common.edit") : t("common.details")}
      </Button>
      {canManage ? (
        <Dropdown
          trigger={["click"]}
          menu={{
            items: [
              ...extra.map(({ key, label }) => ({ key, label })),
              active
                ? { key: "deactivate", label: t("common.deactivate") }
                : { key: "reactivate", label: t("common.reactivate") },
              ...(target.remove ? [{ key: "delete", label: t("common.delete"), danger: true }] : []),
            ],
            onClick: ({ key }) => {
              const custom = extra.find((item) => item.key === key);
              if (custom) custom.onClick();
              else if (key === "deactivate") actions.deactivate(target);
              else if (key === "reactivate") void actions.reactivate(target);
              else if (key === "delete") actions.remove(target);
            },
          }}
        >
          <Button type="link" size="small">
            {t("common.more")}
          </Button>
        </Dropdown>
      ) : null}
    </Space>
  );
}
