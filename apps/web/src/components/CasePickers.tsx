import { type CaseKind, type Category, type Estate, URGENCIES, URGENCY_LABELS } from "@estate-desk/domain";
import { Form, Segmented, Select, Typography } from "antd";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { useCategories, useDepartments } from "../api/catalog";
import { useAllEstates, useUnitList } from "../api/places";
import { labelText, useLocale } from "../i18n";
import { useRules } from "./formRules";

/** A unit chosen in a case form; the label is kept so the choice shows without another request. */
export interface UnitChoice {
  id: string;
  label: string;
}

/** The active estates the user may work in, picked by name. */
export function EstateSelect({
  value,
  onChange,
  id,
  onlyOne,
}: {
  value?: string;
  onChange?: (estateId: string | undefined) => void;
  id?: string;
  /** Called once with the only estate, when the user works in just one. */
  onlyOne?: (estate: Estate) => void;
}) {
  const { t } = useTranslation();
  const estates = useAllEstates();
  const active = (estates.data ?? []).filter((estate) => estate.active);
  const single = active.length === 1 ? active[0] : undefined;
  useEffect(() => {
    if (single && value === undefined) onlyOne?.(single);
  }, [single, value, onlyOne]);
  return (
    <Select
      id={id}
      aria-label={t("cases.estate")}
      placeholder={t("cases.estatePlaceholder")}
      loading={estates.isPending}
      value={value}
      onChange={(next: string | undefined) => onChange?.(next)}
      showSearch={{ optionFilterProp: "label" }}
      options={active.map((estate) => ({ value: estate.id, label: estate.name }))}
    />
  );
}

/** A unit of one estate, searched on the server by number ("1-101") as the clerk types. */
export function UnitSearchSelect({
  estateId,
  value,
  onChange,
  id,
}: {
  estateId: string | undefined;
  value?: UnitChoice;
  onChange?: (unit: UnitChoice | undefined) => void;
  id?: string;
}) {
  const { t } = useTranslation();
  const [search, setSearch] = useState("");
  const units = useUnitList({ estateId, q: search, active: "true" }, estateId !== undefined);
  const options = units.items.map((unit) => ({ value: unit.id, label: unit.label }));
  if (value && !options.some((option) => option.value === value.id)) {
    options.unshift({ value: value.id, label: value.label });
  }
  return (
    <Select
      id={id}
      aria-label={t("cases.unit")}
      placeholder={estateId ? t("cases.unitPlaceholder") : t("cases.pickEstateFirst")}
      disabled={estateId === undefined}
      loading={units.isFetching}
      allowClear
      value={value?.id}
      showSearch={{ filterOption: false, onSearch: (text) => setSearch(text.trim()) }}
      options={options}
      onChange={(next: string | undefined) => {
        const option = options.find((item) => item.value === next);
        onChange?.(option ? { id: option.value, label: option.label } : undefined);
      }}
      onPopupScroll={(event) => {
        const target = event.currentTarget;
        if (target.scrollTop + target.clientHeight >= target.scrollHeight - 20 && units.hasNextPage) {
          void units.fetchNextPage();
        }
      }}
    />
  );
}

/**
 * Category, urgency and responsible department of a case, inside a Form. Picking a category
 * fills urgency and department with the category's defaults (R-4.1.3: "default from the
 * category, changeable"); a repair goes to the repair team instead of a department.
 */
export function ClassificationFields({
  kind,
  autoFocusCategory = false,
  onCategoryPicked,
}: {
  kind: CaseKind;
  autoFocusCategory?: boolean;
  /** After a pick; the intake screen moves on to the content box. */
  onCategoryPicked?: () => void;
}) {
  const { t } = useTranslation();
  const locale = useLocale();
  const rules = useRules();
  const form = Form.useFormInstance();
  const categories = useCategories(kind, "true");
  const departments = useDepartments("true");
  const byId = new Map<string, Category>((categories.data ?? []).map((category) => [category.id, category]));

  return (
    <>
      <Form.Item name="categoryId" label={t("cases.category")} rules={[rules.select(t("cases.category"))]}>
        <Select
          aria-label={t("cases.category")}
          placeholder={t("cases.categoryPlaceholder")}
          loading={categories.isPending}
          autoFocus={autoFocusCategory}
          showSearch={{ optionFilterProp: "label" }}
          options={(categories.data ?? []).map((category) => ({ value: category.id, label: category.name }))}
          onChange={(categoryId: string) => {
            const category = byId.get(categoryId);
            if (!category) return;
            form.setFieldsValue({
              urgency: category.defaultUrgency,
              departmentId: category.defaultDepartmentId ?? undefined,
            });
            onCategoryPicked?.();
          }}
        />
      </Form.Item>
      <Form.Item name="urgency" label={t("cases.urgency")}>
        <Segmented
          aria-label={t("cases.urgency")}
          options={URGENCIES.map((value) => ({ value, label: labelText(URGENCY_LABELS[value], locale) }))}
        />
      </Form.Item>
      {kind === "repair" ? (
        <Form.Item label={t("cases.department")}>
          <Typography.Text type="secondary">{t("cases.repairGoesToTeam")}</Typography.Text>
        </Form.Item>
      ) : (
        <Form.Item name="departmentId" label={t("cases.department")} extra={t("cases.departmentHelp")}>
          <Select
            aria-label={t("cases.department")}
            placeholder={t("cases.departmentPlaceholder")}
            allowClear
            loading={departments.isPending}
            showSearch={{ optionFilterProp: "label" }}
            options={(departments.data ?? []).map((department) => ({ value: department.id, label: department.name }))}
          />
        </Form.Item>
      )}
    </>
  );
}
