import type { CaseSummary, ResidentRelation } from "@estate-desk/domain";
import type { IntakeLookup } from "../../api/cases";

/** One pick of the lookup: fills the caller and the place at once. */
export interface LookupChoice {
  key: string;
  residentId: string | null;
  name: string | null;
  phone: string | null;
  relation: ResidentRelation | null;
  estateId: string | null;
  estateName: string | null;
  unitId: string | null;
  unitLabel: string | null;
}

/** A resident or a unit the lookup found, with what can be picked from it and its open cases. */
export interface LookupGroup {
  key: string;
  type: "resident" | "unit";
  title: string;
  subtitle: string | null;
  choices: LookupChoice[];
  openCases: CaseSummary[];
}

/**
 * Lookup results as pickable rows. A resident with two flats gives one row per flat, so a
 * single pick sets resident, estate and unit; a unit gives one row per occupant and one for
 * a caller who is not registered there (who is then taken down as a visitor).
 */
export function lookupGroups(result: IntakeLookup | undefined): LookupGroup[] {
  if (!result) return [];
  const groups: LookupGroup[] = [];
  for (const resident of result.residents) {
    const base = { residentId: resident.id, name: resident.name, phone: resident.phone };
    const choices: LookupChoice[] =
      resident.units.length === 0
        ? [
            {
              key: `r:${resident.id}`,
              ...base,
              relation: null,
              estateId: null,
              estateName: null,
              unitId: null,
              unitLabel: null,
            },
          ]
        : resident.units.map((unit) => ({
            key: `r:${resident.id}:${unit.unitId}`,
            ...base,
            relation: unit.relation,
            estateId: unit.estateId,
            estateName: unit.estateName,
            unitId: unit.unitId,
            unitLabel: unit.label,
          }));
    groups.push({
      key: `r:${resident.id}`,
      type: "resident",
      title: resident.name,
      subtitle: resident.altPhone ? `${resident.phone} / ${resident.altPhone}` : resident.phone,
      choices,
      openCases: resident.openCases,
    });
  }
  for (const unit of result.units) {
    const place = { estateId: unit.estateId, estateName: unit.estateName, unitId: unit.unitId, unitLabel: unit.label };
    const occupants: LookupChoice[] = unit.residents.map((occupant) => ({
      key: `u:${unit.unitId}:${occupant.residentId}`,
      residentId: occupant.residentId,
      name: occupant.name,
      phone: occupant.phone,
      relation: occupant.relation,
      ...place,
    }));
    groups.push({
      key: `u:${unit.unitId}`,
      type: "unit",
      title: `${unit.estateName} ${unit.label}`,
      subtitle: null,
      choices: [
        ...occupants,
        { key: `u:${unit.unitId}:other`, residentId: null, name: null, phone: null, relation: null, ...place },
      ],
      openCases: unit.openCases,
    });
  }
  return groups;
}

/** Every pickable row in display order, for moving through them with the arrow keys. */
export function flatChoices(groups: readonly LookupGroup[]): LookupChoice[] {
  return groups.flatMap((group) => group.choices);
}
