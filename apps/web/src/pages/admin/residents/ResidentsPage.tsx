import { RESIDENT_RELATION_LABELS, type Resident } from "@estate-desk/domain";
import { Space, Table, Tag, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useDeleteResident, useResidentList, useUpdateResident } from "../../../api/people";
import { useMe } from "../../../api/session";
import { type ActiveFilter, activeQuery } from "../../../api/types";
import { can } from "../../../auth/permissions";
import { EstateFilterSelect } from "../../../components/EstateFilterSelect";
import { PagedListMore } from "../../../components/LoadMore";
import { PageToolbar } from "../../../components/PageToolbar";
import { QueryErrorText } from "../../../components/QueryErrorText";
import { useRecordColumns } from "../../../components/recordColumns";
import { useDrawerState } from "../../../components/useDrawerState";
import { labelText, useLocale } from "../../../i18n";
import { ResidentAccountModal } from "./ResidentAccountModal";
import { ResidentFormDrawer } from "./ResidentFormDrawer";

export function ResidentsPage() {
  const { t } = useTranslation();
  const locale = useLocale();
  const { data: me } = useMe();
  const canManage = can(me, "residents.manage");
  const [q, setQ] = useState("");
  const [estateId, setEstateId] = useState<string | undefined>();
  const [active, setActive] = useState<ActiveFilter>("active");
  const list = useResidentList({ q, estateId, active: activeQuery(active) });
  const update = useUpdateResident();
  const remove = useDeleteResident();
  const recordColumns = useRecordColumns<Resident>();
  const drawer = useDrawerState<Resident>();
  const accountModal = useDrawerState<Resident>();

  const recordActions = (resident: Resident) => ({
    name: resident.name,
    setActive: (value: boolean) => update.mutateAsync({ id: resident.id, active: value }),
    remove: () => remove.mutateAsync(resident.id),
  });

  return (
    <>
      <PageToolbar
        title={t("residents.title")}
        search={{ placeholder: t("residents.searchPlaceholder"), width: 220, onSearch: setQ }}
        active={{ value: active, onChange: setActive }}
        create={canManage ? { label: t("residents.create"), onClick: () => drawer.openWith(null) } : null}
      >
        <EstateFilterSelect value={estateId} onChange={setEstateId} ariaLabel={t("residents.estate")} width={180} />
      </PageToolbar>
      <QueryErrorText query={list} />
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
          recordColumns.status,
          recordColumns.actions(
            (resident) => ({
              target: recordActions(resident),
              onOpen: () => drawer.openWith(resident),
              extra:
                resident.hasAccount || !resident.active
                  ? []
                  : [
                      {
                        key: "account",
                        label: t("residents.createAccount"),
                        onClick: () => accountModal.openWith(resident),
                      },
                    ],
            }),
            { fixed: "right", canManage },
          ),
        ]}
      />
      <PagedListMore list={list} />
      <ResidentFormDrawer open={drawer.open} resident={drawer.record} readOnly={!canManage} onClose={drawer.close} />
      <ResidentAccountModal open={accountModal.open} resident={accountModal.record} onClose={accountModal.close} />
    </>
  );
}
