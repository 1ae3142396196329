import { PlusOutlined } from "@ant-design/icons";
import { RESIDENT_RELATION_LABELS, type Resident } from "@estate-desk/domain";
import { Button, Input, Select, Space, Table, Tag, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useDeleteResident, useResidentList, useUpdateResident } from "../../../api/people";
import { useAllEstates } from "../../../api/places";
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
import { labelText, useLocale } from "../../../i18n";
import { ResidentAccountModal } from "./ResidentAccountModal";
import { ResidentFormDrawer } from "./ResidentFormDrawer";

export function ResidentsPage() {
  const { t } = useTranslation();
  const locale = useLocale();
  const { data: me } = useMe();
  const errorText = useErrorText();
  const canManage = can(me, "residents.manage");
  const [q, setQ] = useState("");
  const [estateId, setEstateId] = useState<string | undefined>();
  const [active, setActive] = useState<ActiveFilter>("active");
  const estates = useAllEstates();
  const list = useResidentList({ q, estateId, active: activeQuery(active) });
  const update = useUpdateResident();
  const remove = useDeleteResident();
  const actions = useRecordActions();
  const drawer = useDrawerState<Resident>();
  const accountModal = useDrawerState<Resident>();

  const recordActions = (resident: Resident) => ({
    name: resident.name,
    setActive: (value: boolean) => update.mutateAsync({ id: resident.id, active: value }),
    remove: () => remove.mutateAsync(resident.id),
  });

  return (
    <>
      <div className="page-toolbar">
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t("residents.title")}
        </Typography.Title>
        <span className="page-toolbar-spacer" />
        <Input.Search
          allowClear
          placeholder={t("residents.searchPlaceholder")}
          aria-label={t("residents.searchPlaceholder")}
          onSearch={(value) => setQ(value.trim())}
          style={{ width: 220 }}
        />
        <Select
          allowClear
          aria-label={t("residents.estate")}
          placeholder={t("residents.allEstates")}
          value={estateId}
          onChange={(value: string | undefined) => setEstateId(value)}
          style={{ width: 180 }}
          showSearch={{ optionFilterProp: "label" }}
          options={(estates.data ?? []).map((estate) => ({ value: estate.id, label: estate.name }))}
        />
        <ActiveFilterSelect value={active} onChange={setActive} />
        {canManage ? (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => drawer.openWith(null)}>
            {t("residents.create")}
          </Button>
        ) : null}
      </div>
      {list.isError ? <Typography.Text type="danger">{errorText(list.error)}</Typography.Text> : null}
      <Table<Resident>
        rowKey="id"
        loading={list.isPending}
        dataSource={list.items}
        pagination={false}
        scroll={{ x: 900 }}
        locale={{ emptyText: t("residents.empty") }}
        columns={[
          { title: t("residents.name"), dataIndex: "name", width: 120 },
          {
            title: t("residents.phone"),
            dataIndex: "phone",
            width: 160,
            render: (phone: string, resident) => (
              <Space orientation="vertical" size={0}>
                <span>{phone}</span>
                {resident.altPhone ? <Typography.Text type="secondary">{resident.altPhone}</Typography.Text> : null}
              </Space>
            ),
          },
          {
            title: t("residents.units"),
            dataIndex: "units",
            render: (units: Resident["units"]) => (
              <Space size={[4, 4]} wrap>
                {units.map((unit) => (
                  <Tag key={unit.unitId}>
                    {unit.estateName} {unit.label} · {labelText(RESIDENT_RELATION_LABELS[unit.relation], locale)}
                  </Tag>
                ))}
              </Space>
            ),
          },
          {
            title: t("residents.account"),
            dataIndex: "hasAccount",
            width: 110,
            render: (hasAccount: boolean) =>
              hasAccount ? <Tag color="blue">{t("residents.hasAccount")}</Tag> : t("residents.noAccount"),
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
            width: 140,
            render: (_value, resident) => (
              <RowActions
                active={resident.active}
                canManage={canManage}
                target={recordActions(resident)}
                actions={actions}
                onOpen={() => drawer.openWith(resident)}
                extra={
                  resident.hasAccount || !resident.active
                    ? []
                    : [
                        {
                          key: "account",
                          label: t("residents.createAccount"),
                          onClick: () => accountModal.openWith(resident),
                        },
                      ]
                }
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
      <ResidentFormDrawer open={drawer.open} resident={drawer.record} readOnly={!canManage} onClose={drawer.close} />
      <ResidentAccountModal open={accountModal.open} resident={accountModal.record} onClose={accountModal.close} />
    </>
  );
}
