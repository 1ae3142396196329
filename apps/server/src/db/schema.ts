/**
 * The database as Kysely sees it. Flags are 0/1 integers and instants are ISO-8601 UTC
 * strings on both databases (see dialect.ts).
 */
import type { CaseKind, DepartmentFunction, ResidentRelation, Role, Urgency } from "@estate-desk/domain";

type Flag = number;
type Instant = string;

interface Timestamps {
  created_at: Instant;
  updated_at: Instant;
}

export interface OrganisationTable extends Timestamps {
  id: string;
  code: string;
  name: string;
  time_zone: string;
  active: Flag;
}

export interface EstateTable extends Timestamps {
  id: string;
  org_id: string;
  code: string;
  name: string;
  address: string | null;
  complaint_hotline: string;
  repair_hotline: string;
  reception_address: string;
  /** The short code of the public estate page (`/e/<public_code>`), unique across organisations. */
  public_code: string;
  active: Flag;
}

export interface BuildingTable extends Timestamps {
  id: string;
  org_id: string;
  estate_id: string;
  name: string;
  sort_order: number;
  active: Flag;
}

export interface UnitTable extends Timestamps {
  id: string;
  org_id: string;
  estate_id: string;
  building_id: string;
  number: string;
  /** `unitNumberSortKey(number)`: maintained by the units repository. */
  sort_key: string;
  floor: number | null;
  area_sqm: number | null;
  active: Flag;
}

export interface ResidentTable extends Timestamps {
  id: string;
  org_id: string;
  name: string;
  phone: string;
  alt_phone: string | null;
  note: string | null;
  active: Flag;
}

export interface ResidentUnitTable {
  id: string;
  org_id: string;
  estate_id: string;
  resident_id: string;
  unit_id: string;
  relation: ResidentRelation;
  active: Flag;
  created_at: Instant;
}

export interface DepartmentTable extends Timestamps {
  id: string;
  org_id: string;
  code: string;
  name: string;
  function: DepartmentFunction;
  active: Flag;
}

export interface TradeTable extends Timestamps {
  id: string;
  org_id: string;
  code: string;
  name: string;
  active: Flag;
}

export interface CategoryTable extends Timestamps {
  id: string;
  org_id: string;
  kind: CaseKind;
  code: string;
  name: string;
  default_department_id: string | null;
  default_trade_id: string | null;
  default_urgency: Urgency;
  sort_order: number;
  active: Flag;
}

export type UserKind = "staff" | "resident";

export interface UserTable extends Timestamps {
  id: string;
  org_id: string;
  username: string;
  display_name: string;
  phone: string | null;
  email: string | null;
  password_hash: string;
  kind: UserKind;
  resident_id: string | null;
  all_estates: Flag;
  active: Flag;
  failed_login_count: number;
  locked_until: Instant | null;
  password_changed_at: Instant;
  last_login_at: Instant | null;
}

export interface UserRoleTable {
  user_id: string;
  org_id: string;
  role: Role;
}

export interface UserEstateTable {
  user_id: string;
  org_id: string;
  estate_id: string;
}

export interface UserDepartmentTable {
  user_id: string;
  org_id: string;
  department_id: string;
}

export interface UserTradeTable {
  user_id: string;
  org_id: string;
  trade_id: string;
}

export interface SessionTable {
  /** sha256 of the cookie token: a stolen database does not yield usable cookies. */
  id: string;
  user_id: string;
  org_id: string;
  csrf_token: string;
  created_at: Instant;
  last_seen_at: Instant;
  expires_at: Instant;
  ip: string | null;
  user_agent: string | null;
}

export interface LoginAttemptTable {
  id: string;
  ip: string;
  username: string;
  succeeded: Flag;
  at: Instant;
}

export interface AuditLogTable {
  id: string;
  org_id: string;
  at: Instant;
  actor_id: string | null;
  action: string;
  entity_type: string;
  entity_id: string;
  before_json: string | null;
  after_json: string | null;
  request_id: string | null;
  ip: string | null;
}

export interface Database {
  organisations: OrganisationTable;
  estates: EstateTable;
  buildings: BuildingTable;
  units: UnitTable;
  residents: ResidentTable;
  resident_units: ResidentUnitTable;
  departments: DepartmentTable;
  trades: TradeTable;
  categories: CategoryTable;
  users: UserTable;
  user_roles: UserRoleTable;
  user_estates: UserEstateTable;
  user_departments: UserDepartmentTable;
  user_trades: UserTradeTable;
  sessions: SessionTable;
  login_attempts: LoginAttemptTable;
  audit_log: AuditLogTable;
}
