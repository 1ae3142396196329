import { CASE_NUMBER_PREFIX, type CaseKind } from "@estate-desk/domain";
import type { DbOrTx } from "../db/database.js";

/** The organisation's calendar day of an instant, as YYYYMMDD. */
export function localDay(instant: string, timeZone: string): string {
  const parts = new Intl.DateTimeFormat("en-CA", {
    timeZone,
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
  }).formatToParts(new Date(instant));
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? "";
  return `${part("year")}${part("month")}${part("day")}`;
}

export interface CaseNumberScope {
  orgId: string;
  estateId: string;
  estateCode: string;
  kind: CaseKind;
  /** YYYYMMDD in the organisation's time zone. */
  day: string;
}

/**
 * The next human case number of a kind, estate and day, e.g. TS-CHY-20261129-0007
 * records are numbered). The counter row is incremented inside the caller's
 * transaction, so numbers are gap-free per day and never repeat, with any number of
 * server instances: concurrent intakes wait on the counter row.
 */
export async function nextCaseNumber(tx: DbOrTx, scope: CaseNumberScope): Promise<string> {
  const row = await tx
    .insertInto("case_counters")
    .values({ org_id: scope.orgId, estate_id: scope.estateId, kind: scope.kind, day: scope.day, last_seq: 1 })
    .onConflict((oc) =>
      oc
        .columns(["org_id", "estate_id", "kind", "day"])
        .doUpdateSet((eb) => ({ last_seq: eb("case_counters.last_seq", "+", 1) })),
    )
    .returning("last_seq")
    .executeTakeFirstOrThrow();
  const sequence = String(row.last_seq).padStart(4, "0");
  return `${CASE_NUMBER_PREFIX[scope.kind]}-${scope.estateCode}-${scope.day}-${sequence}`;
}
