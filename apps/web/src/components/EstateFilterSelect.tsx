import { Select } from "antd";
import { useTranslation } from "react-i18next";
import { useAllEstates } from "../api/places";

interface EstateFilterSelectProps {
  value: string | undefined;
  onChange: (estateId: string | undefined) => void;
  /** What the filter narrows, for screen readers (the list's own wording). */
  ariaLabel: string;
  width: number;
}

/** A list filter by estate, searchable by name; cleared, it means all estates. */
export function EstateFilterSelect({ value, onChange, ariaLabel, width }: EstateFilterSelectProps) {
  const { t } = useTranslation();
  const estates = useAllEstates();
  return (
    <Select
      allowClear
      aria-label={ariaLabel}
      placeholder={t("residents.allEstates")}
      value={value}
      onChange={(estateId: string | undefined) => onChange(estateId)}
      style={{ width }}
      showSearch={{ optionFilterProp: "label" }}
      options={(estates.data ?? []).map((estate) => ({ value: estate.id, label: estate.name }))}
    />
  );
}
