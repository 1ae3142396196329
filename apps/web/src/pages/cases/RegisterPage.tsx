import { ClearOutlined } from "@ant-design/icons";
import {
  CASE_KIND_LABELS,
  CASE_KINDS,
  CASE_STATUS_LABELS,
  CASE_STATUSES,
  type CaseSummary,
  CHANNEL_LABELS,
  CHANNELS,
  type Urgency,
} from "@estate-desk/domain";
import { Button, Input, Select, Table, Typography } from "antd";
import type { SortOrder as AntSortOrder } from "antd/es/table/interface";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useNavigate, useSearchParams } from "react-router";
import { useCaseRegister } from "../../api/cases";
import { useCategories, useDepartments } from "../../api/catalog";
import { useAllEstates } from "../../api/places";
import { useMe } from "../../api/session";
import { formatDateTime } from "../../app/format";
import { KindTag, StatusTag, UrgencyTag } from "../../components/CaseTags";
import { useErrorText } from "../../components/feedback";
import { LoadMore } from "../../components/LoadMore";
import { labelText, useLocale } from "../../i18n";
import { contactText, placeText } from "./caseText";
import {
  hasActiveFilters,
  isSearchable,
  parseRegisterFilters,
  type RegisterFilters,
  type RegisterSort,
  registerApiQuery,
  registerFiltersToSearch,
  withSorter,
} from "./registerFilters";

/** 登记表 (QR-022): every case the user may see, one row each, filtered through the URL. */
export function RegisterPage() {
  const { t } = useTranslation();
  const locale = useLocale();
  const navigate = useNavigate();
  const errorText = useErrorText();
  const { data: me } = useMe();
  const timeZone = me?.orgTimeZone ?? "Asia/Shanghai";
  const [search, setSearch] = useSearchParams();
  const filters = parseRegisterFilters(search);
  const [text, setText] = useState(filters.q ?? "");
  const estates = useAllEstates();
  const categories = useCategories(filters.kind, "true");
  const departments = useDepartments();
  const list = useCaseRegister(registerApiQuery(filters, timeZone));

  // The box follows the URL when it changes from outside (back button, a bookmarked link).
  useEffect(() => setText(filters.q ?? ""), [filters.q]);

  const update = (next: RegisterFilters) => setSearch(registerFiltersToSearch(next), { replace: true });
  const set = <K extends keyof RegisterFilters>(key: K, value: RegisterFilters[K] | undefined) => {
    const next = { ...filters, [key]: value };
    // A category belongs to one kind; changing the kind drops a category of another.
    if (key === "kind") next.categoryId = undefined;
    update(next);
  };
  const sortOrder = (field: RegisterSort): AntSortOrder =>
    filters.sort === field ? (filters.order === "asc" ? "ascend" : "descend") : null;
  const tooShort = filters.q !== undefined && !isSearchable(filters.q);

  return (
    <>
      <div className="page-toolbar">
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t("register.title")}
        </Typography.Title>
        <Typography.Text type="secondary">QR-022</Typography.Text>
        <span className="page-toolbar-spacer" />
        <Input.Search
          allowClear
          value={text}
          onChange={(event) => setText(event.target.value)}
          placeholder={t("register.searchPlaceholder")}
          aria-label={t("register.search")}
          onSearch={(value) => set("q", value.trim() === "" ? undefined : value.trim())}
          style={{ width: 340 }}
        />
      </div>
      <div className="page-toolbar register-filters">
        <Select
          allowClear
          aria-label={t("cases.kind")}
          placeholder={t("register.allKinds")}
          value={filters.kind}
          onChange={(value) => set("kind", value)}
          style={{ width: 130 }}
          options={CASE_KINDS.map((value) => ({ value, label: labelText(CASE_KIND_LABELS[value], locale) }))}
        />
        <Select
          allowClear
          aria-label={t("cases.estate")}
          placeholder={t("register.allEstates")}
          value={filters.estateId}
          onChange={(value: string | undefined) => set("estateId", value)}
          style={{ width: 150 }}
          showSearch={{ optionFilterProp: "label" }}
          options={(estates.data ?? []).map((estate) => ({ value: estate.id, label: estate.name }))}
        />
        <Select
          allowClear
          aria-label={t("cases.status")}
          placeholder={t("register.allStatuses")}
          value={filters.status}
          onChange={(value) => set("status", value)}
          style={{ width: 140 }}
          options={CASE_STATUSES.map((value) => ({ value, label: labelText(CASE_STATUS_LABELS[value], locale) }))}
        />
        <Select
          allowClear
          aria-label={t("cases.category")}
          placeholder={t("register.allCategories")}
          value={filters.categoryId}
          onChange={(value: string | undefined) => set("categoryId", value)}
          style={{ width: 170 }}
          showSearch={{ optionFilterProp: "label" }}
          options={(categories.data ?? []).map((category) => ({
            value: category.id,
            label: filters.kind
              ? category.name
              : `${labelText(CASE_KIND_LABELS[category.kind], locale)} · ${category.name}`,
          }))}
        />
        <Select
          allowClear
          aria-label={t("cases.department")}
          placeholder={t("register.allDepartments")}
          value={filters.departmentId}
          onChange={(value: string | undefined) => set("departmentId", value)}
          style={{ width: 150 }}
          showSearch={{ optionFilterProp: "label" }}
          options={(departments.data ?? []).map((department) => ({ value: department.id, label: department.name }))}
        />
        <Select
          allowClear
          aria-label={t("cases.channel")}
          placeholder={t("register.allChannels")}
          value={filters.channel}
          onChange={(value) => set("channel", value)}
          style={{ width: 120 }}
          options={CHANNELS.map((value) => ({ value, label: labelText(CHANNEL_LABELS[value], locale) }))}
        />
        <span className="date-range">
          <Input
            type="date"
            aria-label={t("register.from")}
            value={filters.from ?? ""}
            max={filters.to}
            onChange={(event) => set("from", event.target.value === "" ? undefined : event.target.value)}
            style={{ width: 150 }}
          />
          <span aria-hidden="true">–</span>
          <Input
            type="date"
            aria-label={t("register.to")}
            value={filters.to ?? ""}
            min={filters.from}
            onChange={(event) => set("to", event.target.value === "" ? undefined : event.target.value)}
            style={{ width: 150 }}
          />
        </span>
        {hasActiveFilters(filters) ? (
          <Button icon={<ClearOutlined />} onClick={() => update({ sort: filters.sort, order: filters.order })}>
            {t("register.clearFilters")}
          </Button>
        ) : null}
      </div>
      {tooShort ? <Typography.Text type="warning">{t("register.searchTooShort")}</Typography.Text> : null}
      {list.isError ? <Typography.Text type="danger">{errorText(list.error)}</Typography.Text> : null}
      <Table<CaseSummary>
        rowKey="id"
        size="middle"
        className="register-table"
        loading={list.isPending}
        dataSource={list.items}
        pagination={false}
        scroll={{ x: 1500 }}
        locale={{ emptyText: hasActiveFilters(filters) ? t("register.noMatch") : t("register.empty") }}
        showSorterTooltip={false}
        onChange={(_pagination, _filters, sorter) => {
          const one = Array.isArray(sorter) ? sorter[0] : sorter;
          update(withSorter(filters, one?.field, one?.order));
        }}
        onRow={(row) => ({
          onClick: (event) => {
            // The number is a real link (keyboard, middle click); the rest of the row opens too.
            if ((event.target as HTMLElement).closest("a")) return;
            void navigate(`/cases/${row.id}`);
          },
          className: "clickable-row",
        })}
        columns={[
          {
            title: t("cases.number"),
            dataIndex: "number",
            key: "number",
            fixed: "left",
            width: 200,
            sorter: true,
            sortOrder: sortOrder("number"),
            render: (number: string, row) => (
              <Link to={`/cases/${row.id}`} className="case-number">
                {number}
              </Link>
            ),
          },
          {
            title: t("cases.receivedAt"),
            dataIndex: "receivedAt",
            key: "receivedAt",
            width: 160,
            sorter: true,
            sortOrder: sortOrder("receivedAt"),
            render: (value: string) => formatDateTime(value, locale, timeZone),
          },
          {
            title: t("cases.kind"),
            dataIndex: "kind",
            width: 100,
            render: (kind: CaseSummary["kind"]) => <KindTag kind={kind} />,
          },
          { title: t("cases.estate"), dataIndex: "estateName", width: 110 },
          { title: t("cases.place"), key: "place", width: 130, render: (_value, row) => placeText(row) },
          { title: t("cases.contact"), key: "contact", width: 170, render: (_value, row) => contactText(row) },
          {
            title: t("cases.category"),
            dataIndex: "categoryName",
            width: 120,
            render: (name: string | null) => name ?? "—",
          },
          {
            title: t("cases.urgency"),
            dataIndex: "urgency",
            key: "urgency",
            width: 110,
            sorter: true,
            sortOrder: sortOrder("urgency"),
            render: (urgency: Urgency) => <UrgencyTag urgency={urgency} />,
          },
          {
            title: t("cases.department"),
            dataIndex: "departmentName",
            width: 120,
            render: (name: string | null) => name ?? "—",
          },
          {
            title: t("cases.channel"),
            dataIndex: "channel",
            width: 90,
            render: (channel: CaseSummary["channel"]) => labelText(CHANNEL_LABELS[channel], locale),
          },
          {
            title: t("cases.status"),
            dataIndex: "status",
            width: 110,
            render: (status: CaseSummary["status"]) => <StatusTag status={status} />,
          },
          { title: t("cases.content"), dataIndex: "content", ellipsis: true },
        ]}
      />
      <LoadMore
        count={list.items.length}
        hasNextPage={list.hasNextPage}
        loading={list.isFetchingNextPage}
        onLoadMore={() => void list.fetchNextPage()}
      />
    </>
  );
}
