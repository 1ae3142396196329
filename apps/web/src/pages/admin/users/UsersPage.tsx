import { LockOutlined } from "@ant-design/icons";
import { ROLE_LABELS, type Role, STAFF_ROLES, type StaffUser } from "@estate-desk/domain";
import { Select, Space, Table, Tag, Tooltip, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useDepartments } from "../../../api/catalog";
import { useUnlockUser, useUpdateUser, useUserList } from "../../../api/people";
import { useAllEstates } from "../../../api/places";
import { useMe } from "../../../api/session";
import { type ActiveFilter, activeQuery } from "../../../api/types";
import { formatDateTime } from "../../../app/format";
import { can } from "../../../auth/permissions";
import { EstateFilterSelect } from "../../../components/EstateFilterSelect";
import { useFeedback } from "../../../components/feedback";
import { PagedListMore } from "../../../components/LoadMore";
import { PageToolbar } from "../../../components/PageToolbar";
import { QueryErrorText } from "../../../components/QueryErrorText";
import { useRecordColumns } from "../../../components/recordColumns";
import { useDrawerState } from "../../../components/useDrawerState";
import { labelText, useLocale } from "../../../i18n";
import { ResetPasswordModal } from "./ResetPasswordModal";
import { UserFormDrawer } from "./UserFormDrawer";

function isLocked(user: StaffUser, now: number): boolean {
  return user.lockedUntil !== null && Date.parse(user.lockedUntil) > now;
}

export function UsersPage() {
  const { t } = useTranslation();
  const locale = useLocale();
  const { data: me } = useMe();
  const { modal, success, failure } = useFeedback();
  const canManage = can(me, "users.manage");
  const timeZone = me?.orgTimeZone ?? "Asia/Shanghai";
  const [q, setQ] = useState("");
  const [role, setRole] = useState<Role | undefined>();
  const [departmentId, setDepartmentId] = useState<string | undefined>();
  const [estateId, setEstateId] = useState<string | undefined>();
  const [active, setActive] = useState<ActiveFilter>("active");
  const list = useUserList({ q, role, departmentId, estateId, active: activeQuery(active) });
  const estates = useAllEstates();
  const departments = useDepartments();
  const update = useUpdateUser();
  const unlock = useUnlockUser();
  const recordColumns = useRecordColumns<StaffUser>();
  const drawer = useDrawerState<StaffUser>();
  const resetModal = useDrawerState<StaffUser>();
  const now = Date.now();

  const estateNames = new Map((estates.data ?? []).map((estate) => [estate.id, estate.name]));
  const departmentNames = new Map((departments.data ?? []).map((department) => [department.id, department.name]));

  const confirmUnlock = (user: StaffUser) =>
    modal.confirm({
      title: t("users.confirmUnlock", { name: user.displayName }),
      okText: t("users.unlock"),
      cancelText: t("common.cancel"),
      onOk: async () => {
        try {
          await unlock.mutateAsync(user.id);
          success(t("users.unlocked"));
        } catch (error) {
          failure(error);
        }
      },
    });

  return (
    <>
      <PageToolbar
        title={t("users.title")}
        search={{ placeholder: t("users.searchPlaceholder"), width: 220, onSearch: setQ }}
        active={{ value: active, onChange: setActive }}
        create={canManage ? { label: t("users.create"), onClick: () => drawer.openWith(null) } : null}
      >
        <Select<Role>
          allowClear
          aria-label={t("users.roles")}
          placeholder={t("users.allRoles")}
          value={role}
          onChange={setRole}
          style={{ width: 160 }}
          options={STAFF_ROLES.map((value) => ({ value, label: labelText(ROLE_LABELS[value], locale) }))}
        />
        <Select
          allowClear
          aria-label={t("users.departments")}
          placeholder={t("users.allDepartments")}
          value={departmentId}
          onChange={(value: string | undefined) => setDepartmentId(value)}
          style={{ width: 160 }}
          options={(departments.data ?? []).map((department) => ({ value: department.id, label: department.name }))}
        />
        <EstateFilterSelect value={estateId} onChange={setEstateId} ariaLabel={t("users.estates")} width={160} />
      </PageToolbar>
      <QueryErrorText query={list} />
      <Table<StaffUser>
        rowKey="id"
        loading={list.isPending}
        dataSource={list.items}
        pagination={false}
        scroll={{ x: 1100 }}
        locale={{ emptyText: t("users.empty") }}
        columns={[
          {
            title: t("users.displayName"),
            dataIndex: "displayName",
            width: 150,
            render: (name: string, user) => (
              <Space orientation="vertical" size={0}>
                <Space size={4}>
                  {name}
                  {isLocked(user, now) ? (
                    <Tooltip
                      title={t("users.lockedUntil", { time: formatDateTime(user.lockedUntil, locale, timeZone) })}
                    >
                      <Tag color="red" icon={<LockOutlined />}>
                        {t("users.locked")}
                      </Tag>
                    </Tooltip>
                  ) : null}
                </Space>
                <Typography.Text type="secondary">{user.username}</Typography.Text>
              </Space>
            ),
          },
          {
            title: t("users.roles"),
            dataIndex: "roles",
            render: (roles: Role[]) => (
              <Space size={[4, 4]} wrap>
                {roles.map((value) => (
                  <Tag key={value} color="blue">
                    {labelText(ROLE_LABELS[value], locale)}
                  </Tag>
                ))}
              </Space>
            ),
          },
          {
            title: t("users.estateScope"),
            key: "estates",
            render: (_value, user) =>
              user.allEstates
                ? t("home.allEstates")
                : user.estateIds.length === 0
                  ? "—"
                  : user.estateIds.map((id) => estateNames.get(id) ?? id).join("、"),
          },
          {
            title: t("users.departments"),
            dataIndex: "departmentIds",
            render: (ids: string[]) =>
              ids.length === 0 ? "—" : ids.map((id) => departmentNames.get(id) ?? id).join("、"),
          },
          { title: t("users.phone"), dataIndex: "phone", width: 130, render: (phone: string | null) => phone ?? "—" },
          {
            title: t("users.lastLoginAt"),
            dataIndex: "lastLoginAt",
            width: 170,
            render: (at: string | null) => (at ? formatDateTime(at, locale, timeZone) : t("users.never")),
          },
          recordColumns.status,
          recordColumns.actions(
            (user) => ({
              onOpen: () => drawer.openWith(user),
              // Users are never deleted: audit entries refer to them.
              target: {
                name: user.displayName,
                setActive: (value) => update.mutateAsync({ id: user.id, active: value }),
              },
              extra: [
                { key: "reset", label: t("users.resetPassword"), onClick: () => resetModal.openWith(user) },
                ...(isLocked(user, now)
                  ? [{ key: "unlock", label: t("users.unlock"), onClick: () => confirmUnlock(user) }]
                  : []),
              ],
            }),
            { fixed: "right", canManage },
          ),
        ]}
      />
      <PagedListMore list={list} />
      <UserFormDrawer open={drawer.open} user={drawer.record} readOnly={!canManage} onClose={drawer.close} />
      <ResetPasswordModal open={resetModal.open} user={resetModal.record} onClose={resetModal.close} />
    </>
  );
}
