import { LinkOutlined, QrcodeOutlined } from "@ant-design/icons";
import type { Estate } from "@estate-desk/domain";
import { Space, Table, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { useDeleteEstate, useEstateList, useUpdateEstate } from "../../../api/places";
import { useMe } from "../../../api/session";
import { type ActiveFilter, activeQuery } from "../../../api/types";
import { can } from "../../../auth/permissions";
import { PagedListMore } from "../../../components/LoadMore";
import { PageToolbar } from "../../../components/PageToolbar";
import { QueryErrorText } from "../../../components/QueryErrorText";
import { useRecordColumns } from "../../../components/recordColumns";
import { useDrawerState } from "../../../components/useDrawerState";
import { EstateFormDrawer } from "./EstateFormDrawer";

export function EstatesPage() {
  const { t } = useTranslation();
  const { data: me } = useMe();
  const canManage = can(me, "estates.manage");
  const [q, setQ] = useState("");
  const [active, setActive] = useState<ActiveFilter>("all");
  const drawer = useDrawerState<Estate>();
  const list = useEstateList({ q, active: activeQuery(active) });
  const update = useUpdateEstate();
  const remove = useDeleteEstate();
  const recordColumns = useRecordColumns<Estate>();

  const recordActions = (estate: Estate) => ({
    name: estate.name,
    setActive: (value: boolean) => update.mutateAsync({ id: estate.id, active: value }),
    remove: () => remove.mutateAsync(estate.id),
  });

  return (
    <>
      <PageToolbar
        title={t("estates.title")}
        search={{ placeholder: t("estates.searchPlaceholder"), width: 240, onSearch: setQ }}
        active={{ value: active, onChange: setActive }}
        create={canManage ? { label: t("estates.create"), onClick: () => drawer.openWith(null) } : null}
      />
      <QueryErrorText query={list} />
      <Table<Estate>
        rowKey="id"
        loading={list.isPending}
        dataSource={list.items}
        pagination={false}
        scroll={{ x: 960 }}
        locale={{ emptyText: t("estates.empty") }}
        columns={[
          {
            title: t("estates.name"),
            dataIndex: "name",
            render: (name: string, estate) => (
              <Space orientation="vertical" size={0}>
                <Link to={`/admin/estates/${estate.id}`}>{name}</Link>
                <Typography.Text type="secondary">{estate.code}</Typography.Text>
              </Space>
            ),
          },
          { title: t("estates.complaintHotline"), dataIndex: "complaintHotline" },
          { title: t("estates.repairHotline"), dataIndex: "repairHotline" },
          { title: t("estates.receptionAddress"), dataIndex: "receptionAddress", ellipsis: true },
          {
            title: t("estates.publicPage"),
            dataIndex: "publicCode",
            render: (publicCode: string) => (
              <Space orientation="vertical" size={0}>
                <a href={`/e/${publicCode}`} target="_blank" rel="noreferrer" title={t("estates.publicPageHint")}>
                  <LinkOutlined /> /e/{publicCode}
                </a>
                <a href={`/e/${publicCode}?poster=1`} target="_blank" rel="noreferrer">
                  <QrcodeOutlined /> {t("estates.qrPoster")}
                </a>
              </Space>
            ),
          },
          recordColumns.status,
          recordColumns.actions(
            (estate) => ({
              target: recordActions(estate),
              onOpen: () => drawer.openWith(estate),
              leading: <Link to={`/admin/estates/${estate.id}`}>{t("estates.manage")}</Link>,
            }),
            { fixed: "right", width: canManage ? 260 : 200, canManage },
          ),
        ]}
      />
      <PagedListMore list={list} />
      <EstateFormDrawer open={drawer.open} estate={drawer.record} readOnly={!canManage} onClose={drawer.close} />
    </>
  );
}
