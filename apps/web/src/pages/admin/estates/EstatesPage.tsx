import { LinkOutlined, PlusOutlined, QrcodeOutlined } from "@ant-design/icons";
import type { Estate } from "@estate-desk/domain";
import { Button, Input, Space, Table, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { useDeleteEstate, useEstateList, useUpdateEstate } from "../../../api/places";
import { useMe } from "../../../api/session";
import { type ActiveFilter, activeQuery } from "../../../api/types";
import { can } from "../../../auth/permissions";
import { ActiveFilterSelect } from "../../../components/ActiveFilterSelect";
import { ActiveTag } from "../../../components/ActiveTag";
import { useErrorText } from "../../../components/feedback";
import { LoadMore } from "../../../components/LoadMore";
import { RowActions } from "../../../components/RowActions";
import { useRecordActions } from "../../../components/recordActions";
import { useDrawerState } from "../../../components/useDrawerState";
import { EstateFormDrawer } from "./EstateFormDrawer";

export function EstatesPage() {
  const { t } = useTranslation();
  const { data: me } = useMe();
  const errorText = useErrorText();
  const canManage = can(me, "estates.manage");
  const [q, setQ] = useState("");
  const [active, setActive] = useState<ActiveFilter>("all");
  const drawer = useDrawerState<Estate>();
  const list = useEstateList({ q, active: activeQuery(active) });
  const update = useUpdateEstate();
  const remove = useDeleteEstate();
  const actions = useRecordActions();

  const recordActions = (estate: Estate) => ({
    name: estate.name,
    setActive: (value: boolean) => update.mutateAsync({ id: estate.id, active: value }),
    remove: () => remove.mutateAsync(estate.id),
  });

  return (
    <>
      <div className="page-toolbar">
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t("estates.title")}
        </Typography.Title>
        <span className="page-toolbar-spacer" />
        <Input.Search
          allowClear
          placeholder={t("estates.searchPlaceholder")}
          aria-label={t("estates.searchPlaceholder")}
          onSearch={(value) => setQ(value.trim())}
          style={{ width: 240 }}
        />
        <ActiveFilterSelect value={active} onChange={setActive} />
        {canManage ? (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => drawer.openWith(null)}>
            {t("estates.create")}
          </Button>
        ) : null}
      </div>
      {list.isError ? <Typography.Text type="danger">{errorText(list.error)}</Typography.Text> : null}
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
          {
            title: t("common.status"),
            dataIndex: "active",
            width: 90,
            render: (value: boolean) => <ActiveTag active={value} />,
          },
          {
            title: t("common.actions"),
            key: "actions",
            fixed: "right",
            width: canManage ? 260 : 200,
            render: (_value, estate) => (
              <RowActions
                active={estate.active}
                canManage={canManage}
                target={recordActions(estate)}
                actions={actions}
                onOpen={() => drawer.openWith(estate)}
                leading={<Link to={`/admin/estates/${estate.id}`}>{t("estates.manage")}</Link>}
              />
            ),
          },
        ]}
      />
      <LoadMore
        count={list.items.length}
        hasNextPage={list.hasNextPage}
        loading={list.isFetchingNextPage}
        onLoadMore={() => void list.fetchNextPage()}
      />
      <EstateFormDrawer open={drawer.open} estate={drawer.record} readOnly={!canManage} onClose={drawer.close} />
    </>
  );
}
