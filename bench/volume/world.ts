/**
 * What the generator's parts share: the organisation built by the first parts, and the
 * cases of the current chunk for the parts that add rows per case. A new part (the callback
 * records, say) is one more module in parts/ listed in generate.ts.
 */
import type { CaseKind, CaseStatus, Role, Urgency } from "@estate-desk/domain";
import type { BulkSink, Row } from "./sink.js";

export interface GeneratedUnit {
  id: string;
  estateIndex: number;
  buildingName: string;
  number: string;
  /** Residents living there (first is the owner); empty when vacant. */
  residentIds: string[];
}

export interface GeneratedEstate {
  id: string;
  code: string;
  name: string;
  units: GeneratedUnit[];
}

export interface GeneratedCategory {
  id: string;
  kind: CaseKind;
  code: string;
  name: string;
  departmentId: string | null;
  tradeId: string | null;
  urgency: Urgency;
}

export interface World {
  random: () => number;
  /** The generation's "now": cases are received during the year before it. */
  now: Date;
  orgId: string;
  orgCode: string;
  timeZoneOffsetMinutes: number;
  departments: Map<string, { id: string; name: string; function: string }>;
  trades: Map<string, string>;
  categories: GeneratedCategory[];
  estates: GeneratedEstate[];
  residents: Map<string, { name: string; phone: string }>;
  /** Staff user ids by role; the first of each role is the one the benchmarks sign in as. */
  staff: Map<Role, string[]>;
  /** Staff user ids of a department (by department code). */
  staffOfDepartment: Map<string, string[]>;
  /** The password of every generated account. */
  password: string;
}

/** One generated case with the facts the per-case parts need to write consistent rows. */
export interface GeneratedCase {
  row: Row & {
    id: string;
    kind: CaseKind;
    status: CaseStatus;
    number: string;
    estate_id: string;
    received_at: string;
    content: string;
    category_id: string | null;
    department_id: string | null;
    urgency: Urgency;
  };
  estate: GeneratedEstate;
  unit: GeneratedUnit | null;
  category: GeneratedCategory | null;
  residentId: string | null;
  /** The staff member who registered it. */
  registeredBy: string;
  /** When the case reached its present status (closed, say). */
  settledAt: string;
  /** Its dispatch order, once the work-orders part wrote it (repairs only). */
  workOrder?: {
    id: string;
    status: string;
    workerId: string | null;
    completedAt: string | null;
    dissatisfied: boolean;
  };
}

/** A part that writes rows once, at the start (organisation, estates, staff, …). */
export interface SetupPart {
  name: string;
  run(world: World, sink: BulkSink): Promise<void>;
}

/** A part that adds its rows for each chunk of generated cases (handling, work orders, audit, …). */
export interface CasePart {
  name: string;
  addRows(world: World, cases: GeneratedCase[], sink: BulkSink): void;
  /** Rows written once after the last chunk (counters, say). */
  finish?(world: World, sink: BulkSink): void;
}
