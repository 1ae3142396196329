import type { TableColumnType } from "antd";
import { useTranslation } from "react-i18next";
import { ActiveTag } from "./ActiveTag";
import { RowActions, type RowActionsProps } from "./RowActions";
import { useRecordActions } from "./recordActions";

interface ActionsColumnOptions {
  width?: number;
  /** Keeps the actions in view when a wide table scrolls sideways. */
  fixed?: "right";
  canManage?: boolean;
}

/** What a row's actions need beyond the record's active flag and the shared confirmations. */
type RowActionsOf<T> = (record: T) => Omit<RowActionsProps, "active" | "actions" | "canManage">;

/** The status and actions columns that end every record list. */
export function useRecordColumns<T extends { active: boolean }>() {
  const { t } = useTranslation();
  const actions = useRecordActions();

  const status: TableColumnType<T> = {
    title: t("common.status"),
    dataIndex: "active",
    width: 90,
    render: (value: boolean) => <ActiveTag active={value} />,
  };

  const actionsColumn = (
    rowActions: RowActionsOf<T>,
    { width = 140, fixed, canManage }: ActionsColumnOptions = {},
  ): TableColumnType<T> => ({
    title: t("common.actions"),
    key: "actions",
    ...(fixed ? { fixed } : {}),
    width,
    render: (_value, record) => (
      <RowActions active={record.active} canManage={canManage} actions={actions} {...rowActions(record)} />
    ),
  });

  return { status, actions: actionsColumn };
}
