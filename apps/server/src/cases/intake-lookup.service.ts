/**
 * What the clerk sees while typing a caller's phone number or unit: who they are, where
 * they live, and what they have open already — so that a second call about the same leak
 * does not become a second case.
 */
import { type CaseKind, OPEN_CASE_STATUSES, type ResidentRelation, unitLabel } from "@estate-desk/domain";
import type { RequestContext } from "../auth/actor.js";
import { canSeeEstate, estateScope } from "../auth/policy.js";
import type { Db } from "../db/database.js";
import { nowIso } from "../http/clock.js";
import { notFound } from "../http/errors.js";
import { presentSummary } from "./case-presenters.js";
import * as repo from "./cases.repository.js";
import { findSimilarOpenCases } from "./intake.service.js";
import * as lookup from "./intake-lookup.repository.js";

const MAX_MATCHES = 10;

export async function lookUpCaller(db: Db, context: RequestContext, rawQuery: string) {
  const { orgId } = context.actor;
  const scope = estateScope(context.actor);
  const query = rawQuery.trim();
  // "1-101" or "3栋 1-101" is a unit, even though its digits could be the tail of a phone number.
  const unitShaped = /[栋幢座单元室]/.test(query) || /^\d{1,3}-\d{1,5}$/.test(query);
  const digits = query.replace(/[\s-]/g, "");
  const numeric = !unitShaped && /^\d+$/.test(digits);
  // Seven digits and more is a phone number, not a unit; four to six may be either.
  const phoneOnly = numeric && digits.length >= 7;

  const residentRows = await lookup.findResidents(db, {
    orgId,
    scope,
    phoneDigits: numeric && digits.length >= 4 ? digits : null,
    name: numeric || unitShaped ? null : query,
    limit: MAX_MATCHES,
  });
  const unitRows = phoneOnly ? [] : await lookup.findUnits(db, { orgId, scope, query, limit: MAX_MATCHES });

  const links = await lookup.findLinksOfResidents(
    db,
    orgId,
    residentRows.map((r) => r.id),
  );
  const occupants = await lookup.findOccupantsOfUnits(
    db,
    orgId,
    unitRows.map((u) => u.id),
  );

  const residents = [];
  for (const resident of residentRows) {
    const open = await repo.findOpenCasesOfResident(db, orgId, resident.id, OPEN_CASE_STATUSES);
    residents.push({
      id: resident.id,
      name: resident.name,
      phone: resident.phone,
      altPhone: resident.alt_phone,
      units: links
        .filter((link) => link.resident_id === resident.id)
        .map((link) => ({
          unitId: link.unit_id,
          estateId: link.estate_id,
          estateName: link.estate_name,
          buildingName: link.building_name,
          unitNumber: link.unit_number,
          label: unitLabel(link.building_name, link.unit_number),
          relation: link.relation as ResidentRelation,
        })),
      openCases: open.map(presentSummary),
    });
  }

  const units = [];
  for (const unit of unitRows) {
    const open = await repo.findOpenCasesOnUnit(db, { orgId, unitId: unit.id, openStatuses: OPEN_CASE_STATUSES });
    units.push({
      unitId: unit.id,
      estateId: unit.estate_id,
      estateName: unit.estate_name,
      label: unitLabel(unit.building_name, unit.number),
      residents: occupants
        .filter((o) => o.unit_id === unit.id)
        .map((o) => ({ residentId: o.resident_id, name: o.name, phone: o.phone, relation: o.relation })),
      openCases: open.map(presentSummary),
    });
  }
  return { residents, units };
}

export async function similarCases(db: Db, context: RequestContext, unitId: string, kind: CaseKind) {
  const unit = await lookup.findUnitEstate(db, context.actor.orgId, unitId);
  // A unit outside the clerk's estates has no cases for them to see.
  if (!unit || !canSeeEstate(context.actor, unit.estate_id)) throw notFound("unit", unitId);
  const rows = await findSimilarOpenCases(db, context.actor.orgId, unitId, kind, nowIso());
  return {
    items: rows.map((row) => {
      const s = presentSummary(row);
      return {
        id: s.id,
        number: s.number,
        kind: s.kind,
        status: s.status,
        receivedAt: s.receivedAt,
        categoryName: s.categoryName,
        content: s.content,
      };
    }),
  };
}
