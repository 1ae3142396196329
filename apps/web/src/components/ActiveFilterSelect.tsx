import { Select } from "antd";
import { useTranslation } from "react-i18next";
import type { ActiveFilter } from "../api/types";

export function ActiveFilterSelect({
  value,
  onChange,
}: {
  value: ActiveFilter;
  onChange: (value: ActiveFilter) => void;
}) {
  const { t } = useTranslation();
  return (
    <Select<ActiveFilter>
      aria-label={t("common.status")}
      value={value}
      onChange={onChange}
      style={{ width: 130 }}
      options={[
        { value: "all", label: t("common.activeAll") },
        { value: "active", label: t("common.activeOnly") },
        { value: "inactive", label: t("common.inactiveOnly") },
      ]}
    />
  );
}
