import { Select, Space } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useAllEstates, useBuildings, useUnitList } from "../../../api/places";

interface UnitCascadePickerProps {
  /** The chosen unit id (antd Form passes it). */
  value?: string;
  onChange?: (unitId: string | undefined, label: string | undefined) => void;
  id?: string;
}

/** Estate → building → unit, each list narrowed by the choice before it. */
export function UnitCascadePicker({ value, onChange, id }: UnitCascadePickerProps) {
  const { t } = useTranslation();
  const estates = useAllEstates();
  const activeEstates = (estates.data ?? []).filter((estate) => estate.active);
  const [chosenEstateId, setEstateId] = useState<string | undefined>();
  // With a single estate there is nothing to choose; it may load after the first render.
  const estateId = chosenEstateId ?? (activeEstates.length === 1 ? activeEstates[0]?.id : undefined);
  const [buildingId, setBuildingId] = useState<string | undefined>();
  const [search, setSearch] = useState("");
  const buildings = useBuildings(estateId);
  const units = useUnitList({ buildingId, q: search, active: "true" }, buildingId !== undefined);

  return (
    <Space.Compact style={{ width: "100%" }}>
      <Select
        id={id}
        aria-label={t("residents.estate")}
        placeholder={t("residents.estate")}
        style={{ width: "34%" }}
        loading={estates.isPending}
        value={estateId}
        showSearch={{ optionFilterProp: "label" }}
        options={activeEstates.map((estate) => ({ value: estate.id, label: estate.name }))}
        onChange={(next: string) => {
          setEstateId(next);
          setBuildingId(undefined);
          onChange?.(undefined, undefined);
        }}
      />
      <Select
        aria-label={t("residents.building")}
        placeholder={t("residents.building")}
        style={{ width: "30%" }}
        disabled={estateId === undefined}
        loading={buildings.isFetching}
        value={buildingId}
        showSearch={{ optionFilterProp: "label" }}
        options={(buildings.data ?? [])
          .filter((building) => building.active)
          .map((building) => ({ value: building.id, label: building.name }))}
        onChange={(next: string) => {
          setBuildingId(next);
          setSearch("");
          onChange?.(undefined, undefined);
        }}
      />
      <Select
        aria-label={t("residents.unit")}
        placeholder={t("residents.unit")}
        style={{ width: "36%" }}
        disabled={buildingId === undefined}
        loading={units.isFetching}
        value={value}
        // The server searches unit numbers, so a large building need not be loaded whole.
        showSearch={{ filterOption: false, onSearch: (text) => setSearch(text.trim()) }}
        options={units.items.map((unit) => ({ value: unit.id, label: unit.number }))}
        onChange={(next: string) => {
          const unit = units.items.find((item) => item.id === next);
          onChange?.(next, unit ? `${unit.estateName} ${unit.label}` : undefined);
        }}
        onPopupScroll={(event) => {
          const target = event.currentTarget;
          if (target.scrollTop + target.clientHeight >= target.scrollHeight - 20 && units.hasNextPage) {
            void units.fetchNextPage();
          }
        }}
      />
    </Space.Compact>
  );
}
