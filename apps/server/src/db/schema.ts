/**
 * The database as Kysely sees it. Flags are 0/1 integers and instants are ISO-8601 UTC
 * strings on both databases (see dialect.ts).
 */
import type {
  CalendarDayKind,
  CallbackExemptionReason,
  CallbackInspectionMethod,
  CallbackInspectionResult,
  CallbackMethod,
  CallbackOutcome,
  CallbackPlanStatus,
  CallbackStatus,
  CallbackSubjectType,
  CaseKind,
  CaseSource,
  CaseStatus,
  Channel,
  CommentVisibility,
  DepartmentFunction,
  HandlingStatus,
  NonconformityCloseReason,
  NonconformitySource,
  NonconformityStatus,
  OpenLetterStatus,
  PriceItemKind,
  RepairBilling,
  RepairDispatchMode,
  ResidentRelation,
  Role,
  Satisfaction,
  TopicStatus,
  Urgency,
  WorkOrderStatus,
} from "@estate-desk/domain";
import type { ColumnType } from "kysely";

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
  /** When the personal data of this departed resident was anonymised (PIPL); null while kept. */
  anonymised_at?: Instant | null;
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
  /** Position in the organisation's hash chain; written by `recordAudit` only. */
  chain_seq: number | null;
  prev_hash: string | null;
  entry_hash: string | null;
}

/** The last entry of each organisation's audit chain: writers lock this row to append. */
export interface AuditChainHeadTable {
  org_id: string;
  last_seq: number;
  last_hash: string;
}

/** A month's completed complaint records handed by customer service to QA. */
export interface RecordHandoverTable {
  id: string;
  org_id: string;
  period: string;
  status: "handed_over" | "received";
  case_count: number;
  prepared_by: string;
  prepared_at: Instant;
  note: string | null;
  received_by: string | null;
  received_at: Instant | null;
  signature_upload_id: string | null;
  receipt_note: string | null;
}

export interface RecordHandoverItemTable {
  handover_id: string;
  case_id: string;
  case_number: string;
}

/** A correction to a handed-over record: who, when, why and what. */
export interface CaseAddendumTable {
  id: string;
  org_id: string;
  case_id: string;
  author_id: string;
  at: Instant;
  reason: string;
  text: string;
}

/** QA's monthly inspection of the register. */
export interface QaInspectionTable {
  id: string;
  org_id: string;
  period: string;
  status: "open" | "closed";
  seed: string;
  sample_size: number;
  population: number;
  opened_by: string;
  opened_at: Instant;
  closed_by: string | null;
  closed_at: Instant | null;
  summary: string | null;
}

export interface QaInspectionItemTable {
  id: string;
  inspection_id: string;
  case_id: string;
  position: number;
  checks_json: string;
  finding: string | null;
  checked_by: string | null;
  checked_at: Instant | null;
}

/** QA's own tracking survey of residents during an inspection. */
export interface QaTrackingCallTable {
  id: string;
  inspection_id: string;
  case_id: string | null;
  called_name: string;
  called_phone: string | null;
  result: "satisfied" | "neutral" | "dissatisfied" | "unreachable";
  note: string | null;
  called_by: string;
  called_at: Instant;
}

export interface UploadTable {
  id: string;
  org_id: string;
  sha256: string;
  file_name: string;
  content_type: string;
  size: number;
  width: number | null;
  height: number | null;
  uploaded_by: string;
  created_at: Instant;
}

export interface CaseCounterTable {
  org_id: string;
  estate_id: string;
  kind: CaseKind;
  day: string;
  last_seq: number;
}

export interface CaseTable extends Timestamps {
  id: string;
  org_id: string;
  estate_id: string;
  kind: CaseKind;
  number: string;
  status: CaseStatus;
  channel: Channel;
  received_at: Instant;
  received_by: string | null;
  created_by: string;
  forwarded_by_department_id: string | null;
  forwarded_by_user_id: string | null;
  forwarded_by_name: string | null;
  resident_id: string | null;
  visitor_name: string | null;
  visitor_phone: string | null;
  unit_id: string | null;
  public_area: string | null;
  category_id: string | null;
  urgency: Urgency;
  urgency_rank: number;
  content: string;
  department_id: string | null;
  wants_callback: Flag;
  callback_phone: string | null;
  callback_note: string | null;
  duplicate_of_id: string | null;
  closed_at: Instant | null;
  /** Where the complaint came from: `resident`, `media`, `government`, `other` (R-4.3.4 rules). */
  source: ColumnType<CaseSource, CaseSource | undefined, CaseSource>;
  is_major: ColumnType<Flag, Flag | undefined, Flag>;
  major_reason: ColumnType<string | null, string | null | undefined, string | null>;
  signed_off_at: ColumnType<Instant | null, Instant | null | undefined, Instant | null>;
  signed_off_by: ColumnType<string | null, string | null | undefined, string | null>;
  coordination_requested_at: ColumnType<Instant | null, Instant | null | undefined, Instant | null>;
  coordination_decision: ColumnType<string | null, string | null | undefined, string | null>;
  coordinated_by: ColumnType<string | null, string | null | undefined, string | null>;
  coordinated_at: ColumnType<Instant | null, Instant | null | undefined, Instant | null>;
  paused_at: ColumnType<Instant | null, Instant | null | undefined, Instant | null>;
  pause_reason: ColumnType<string | null, string | null | undefined, string | null>;
  checked_at: ColumnType<Instant | null, Instant | null | undefined, Instant | null>;
  checked_by: ColumnType<string | null, string | null | undefined, string | null>;
  /** SQLite only: the case's row in the FTS5 index `case_search` (see search.ts). */
  search_rowid: ColumnType<number | null, number | undefined, number | undefined>;
  /** PostgreSQL only: the bigram search terms with positions, under a GIN index (see search.ts). */
  search_vector: ColumnType<string | null, string | undefined, string | undefined>;
}

export interface CasePhotoTable {
  case_id: string;
  upload_id: string;
  org_id: string;
  position: number;
}

export interface CaseHandlingTable extends Timestamps {
  id: string;
  org_id: string;
  case_id: string;
  department_id: string;
  status: HandlingStatus;
  routed_at: Instant;
  routed_by: string;
  accepted_at: ColumnType<Instant | null, Instant | null | undefined, Instant | null>;
  accepted_by: ColumnType<string | null, string | null | undefined, string | null>;
  assignee_id: ColumnType<string | null, string | null | undefined, string | null>;
  assigned_at: ColumnType<Instant | null, Instant | null | undefined, Instant | null>;
  returned_at: ColumnType<Instant | null, Instant | null | undefined, Instant | null>;
  returned_by: ColumnType<string | null, string | null | undefined, string | null>;
  measures: ColumnType<string | null, string | null | undefined, string | null>;
  result: ColumnType<string | null, string | null | undefined, string | null>;
  accept_due_at: ColumnType<Instant | null, Instant | null | undefined, Instant | null>;
  result_due_at: ColumnType<Instant | null, Instant | null | undefined, Instant | null>;
  /** 0 none, 1 deadline approaching, 2 passed, 3 customer-service head told, 4 management representative told. */
  escalation_level: ColumnType<number, number | undefined, number>;
}

type Later<T> = ColumnType<T | null, T | null | undefined, T | null>;

export interface WorkOrderTable extends Timestamps {
  id: string;
  org_id: string;
  estate_id: string;
  case_id: string;
  status: WorkOrderStatus;
  trade_id: string | null;
  urgency: Urgency;
  dispatched_at: Instant;
  dispatched_by: string;
  accepted_at: Later<Instant>;
  accepted_by: Later<string>;
  worker_id: Later<string>;
  assigned_at: Later<Instant>;
  started_at: Later<Instant>;
  arrived_at: Later<Instant>;
  completed_at: Later<Instant>;
  status_before_wait: Later<WorkOrderStatus>;
  waiting_since: Later<Instant>;
  wait_reason: Later<string>;
  work_description: Later<string>;
  materials_json: Later<string>;
  minutes_spent: Later<number>;
  satisfaction: Later<Satisfaction>;
  stars: Later<number>;
  opinion: Later<string>;
  signature_upload_id: Later<string>;
  evaluated_at: Later<Instant>;
  evaluated_by: Later<string>;
  absence_reason: Later<string>;
  absence_upload_id: Later<string>;
  rework_of_id: Later<string>;
  closed_at: Later<Instant>;
  visit_count: ColumnType<number, number | undefined, number>;
  urge_count: ColumnType<number, number | undefined, number>;
  last_urged_at: Later<Instant>;
  accept_due_at: Later<Instant>;
  arrive_due_at: Later<Instant>;
  result_due_at: Later<Instant>;
  escalation_level: ColumnType<number, number | undefined, number>;
  // Issue #5 items 1, 4, 7, 8 (migration 09).
  paused_minutes: ColumnType<number, number | undefined, number>;
  dispatch_mode: Later<RepairDispatchMode>;
  pool_until: Later<Instant>;
  expected_arrival_at: Later<Instant>;
  billing: Later<RepairBilling>;
  quote_json: Later<string>;
  quote_total_fen: Later<number>;
  quote_recorded_at: Later<Instant>;
  quote_recorded_by: Later<string>;
  quote_approved_at: Later<Instant>;
  quote_approved_by: Later<string>;
  quote_signature_upload_id: Later<string>;
  final_charge_fen: Later<number>;
  charge_reason: Later<string>;
}

export interface RepairDispatchRuleTable extends Timestamps {
  id: string;
  org_id: string;
  estate_id: string;
  category_id: string | null;
  mode: RepairDispatchMode;
  claim_minutes: number;
}

export interface RepairWorkerDutyTable {
  user_id: string;
  org_id: string;
  on_duty: Flag;
  updated_at: Instant;
}

export interface RepairPriceItemTable extends Timestamps {
  id: string;
  org_id: string;
  estate_id: string;
  code: string;
  name: string;
  unit: string;
  price_fen: number;
  kind: PriceItemKind;
  active: Flag;
}

export interface WorkOrderPhotoTable {
  work_order_id: string;
  upload_id: string;
  org_id: string;
  phase: "before" | "after" | "absence";
  position: number;
}

export interface CaseEventTable {
  id: string;
  org_id: string;
  case_id: string;
  at: Instant;
  actor_id: string | null;
  type: string;
  data_json: string;
}

export interface CaseCommentTable {
  id: string;
  org_id: string;
  case_id: string;
  author_id: string;
  visibility: CommentVisibility;
  body: string;
  created_at: Instant;
}

export interface OutboxTable {
  id: string;
  org_id: string;
  channel: string;
  topic: string;
  recipient_user_id: string | null;
  payload_json: string;
  created_at: Instant;
  available_at: Instant;
  attempts: number;
  locked_until: Instant | null;
  last_error: string | null;
  delivered_at: Instant | null;
  dead_at: Instant | null;
}

export interface NotificationTable {
  id: string;
  org_id: string;
  user_id: string;
  outbox_id: string | null;
  topic: string;
  case_id: string | null;
  params_json: string;
  created_at: Instant;
  read_at: Instant | null;
}

/** The organisation's working hours (issue #4 item 6); its time zone is `organisations.time_zone`. */
export interface BusinessCalendarTable {
  org_id: string;
  /** `WeeklyWorkingPeriods` of the domain package as JSON. */
  working_periods_json: string;
  /** `WorkingPeriod[]` as JSON: the hours of a make-up working day (调休). */
  make_up_day_periods_json: string;
  updated_at: Instant;
}

export interface CalendarDayTable {
  org_id: string;
  /** The organisation's local date, YYYY-MM-DD. */
  day: string;
  kind: CalendarDayKind;
  name: string;
}

export interface DeadlinePolicyTable extends Timestamps {
  id: string;
  org_id: string;
  kind: CaseKind;
  /** Null: every category of the kind. */
  category_id: string | null;
  /** Null: every urgency. */
  urgency: Urgency | null;
  accept_minutes: number;
  arrive_minutes: number | null;
  result_minutes: number;
  warn_percent: number;
  escalate_after_minutes: number;
}

/** Where an organisation's notifications are POSTed (SMS / WeChat gateways), signed with `secret`. */
export interface WebhookSubscriptionTable extends Timestamps {
  id: string;
  org_id: string;
  url: string;
  secret: string;
  /** `NotificationTopic[]` as JSON. */
  topics_json: string;
  active: Flag;
}

export interface OrgSettingTable {
  org_id: string;
  key: string;
  value_json: string;
  updated_at: Instant;
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
  audit_chain_heads: AuditChainHeadTable;
  record_handovers: RecordHandoverTable;
  record_handover_items: RecordHandoverItemTable;
  case_addenda: CaseAddendumTable;
  qa_inspections: QaInspectionTable;
  qa_inspection_items: QaInspectionItemTable;
  qa_tracking_calls: QaTrackingCallTable;
  uploads: UploadTable;
  case_counters: CaseCounterTable;
  cases: CaseTable;
  case_photos: CasePhotoTable;
  case_handlings: CaseHandlingTable;
  work_orders: WorkOrderTable;
  work_order_photos: WorkOrderPhotoTable;
  org_settings: OrgSettingTable;
  repair_dispatch_rules: RepairDispatchRuleTable;
  repair_worker_duty: RepairWorkerDutyTable;
  repair_price_items: RepairPriceItemTable;
  case_events: CaseEventTable;
  case_comments: CaseCommentTable;
  outbox: OutboxTable;
  notifications: NotificationTable;
  business_calendars: BusinessCalendarTable;
  calendar_days: CalendarDayTable;
  deadline_policies: DeadlinePolicyTable;
  webhook_subscriptions: WebhookSubscriptionTable;
  job_leases: JobLeaseTable;
  suggestion_topics: SuggestionTopicTable;
  suggestion_reviews: SuggestionReviewTable;
  open_letters: OpenLetterTable;
  open_letter_estates: OpenLetterEstateTable;
  open_letter_cases: OpenLetterCaseTable;
  nonconformities: NonconformityTable;
  nonconformity_reports: NonconformityReportTable;
  callback_plans: CallbackPlanTable;
  callback_exemptions: CallbackExemptionTable;
  callbacks: CallbackTable;
  callback_inspections: CallbackInspectionTable;
  stats_calendar_states: StatsCalendarStateTable;
  stats_working_intervals: StatsWorkingIntervalTable;
  monthly_reports: MonthlyReportTable;
}

/** Which calendar the working intervals below were unrolled from, and the span they cover (issue #8). */
export interface StatsCalendarStateTable {
  org_id: string;
  fingerprint: string;
  covers_from_ms: number;
  covers_to_ms: number;
  updated_at: Instant;
}

/** The business calendar as working intervals [start_ms, end_ms) with the working time before each. */
export interface StatsWorkingIntervalTable {
  org_id: string;
  start_ms: number;
  end_ms: number;
  before_ms: number;
}

/** A generated monthly report PDF (issue #8 item 3). */
export interface MonthlyReportTable {
  id: string;
  org_id: string;
  month: string;
  generated_at: Instant;
  generated_by: string | null;
  sha256: string;
  size: number;
  content: Buffer;
}

/**
 * One row per scheduled job (scheduler/): who holds it and until when, so that with N server
 * instances each period of a job runs once (issue #4 item 6). Not tenant data.
 */
export interface JobLeaseTable {
  job_name: string;
  /** The process that took the lease last (`host:pid:random`). */
  holder: string | null;
  /** Nobody else may start the job before this instant. */
  lease_until: Instant | null;
  last_started_at: Instant | null;
  last_finished_at: Instant | null;
  /** The error of the last run; null when it succeeded. */
  last_error: string | null;
  run_count: ColumnType<number, number | undefined, number>;
}

/** one problem raised by several opinions and suggestions, recorded once. */
export interface SuggestionTopicTable extends Timestamps {
  id: string;
  org_id: string;
  estate_id: string | null;
  title: string;
  classification: string;
  description: string | null;
  /** Who must handle the topic: a department and/or a person (R-4.7.1 "notifies"). */
  department_id: Later<string>;
  handler_id: Later<string>;
  status: TopicStatus;
  /** The Monday (organisation's time zone, YYYY-MM-DD) of the classification week. */
  week_start: string;
  notified_at: Later<Instant>;
  answer: Later<string>;
  answered_at: Later<Instant>;
  created_by: string;
}

/** The weekly classification of one suggestion case, and the topic it was grouped into. */
export interface SuggestionReviewTable {
  case_id: string;
  org_id: string;
  classification: string;
  topic_id: Later<string>;
  week_start: string;
  reviewed_by: string;
  reviewed_at: Instant;
}

/** an open letter (rich text, sanitised HTML) published to chosen estates. */
export interface OpenLetterTable extends Timestamps {
  id: string;
  org_id: string;
  title: string;
  body_html: string;
  status: OpenLetterStatus;
  topic_id: Later<string>;
  published_at: Later<Instant>;
  published_by: Later<string>;
  created_by: string;
}

export interface OpenLetterEstateTable {
  letter_id: string;
  estate_id: string;
}

export interface OpenLetterCaseTable {
  letter_id: string;
  case_id: string;
}

/** a nonconformity from its discovery to the resident's satisfaction. */
export interface NonconformityTable extends Timestamps {
  id: string;
  org_id: string;
  estate_id: string | null;
  number: Later<string>;
  source: NonconformitySource;
  /** The callback, inspection or QA finding it came from (by `source`); null when manual. */
  source_id: string | null;
  case_id: string | null;
  work_order_id: string | null;
  topic_id: string | null;
  status: NonconformityStatus;
  description: string;
  responsible_user_id: Later<string>;
  responsible_department_id: Later<string>;
  due_at: Later<Instant>;
  confirmed_by: Later<string>;
  confirmed_at: Later<Instant>;
  fix_description: Later<string>;
  fixed_by: Later<string>;
  fixed_at: Later<Instant>;
  close_reason: Later<NonconformityCloseReason>;
  close_note: Later<string>;
  closed_by: Later<string>;
  closed_at: Later<Instant>;
  /** The management representative's sign-off of an "unreasonable" closure. */
  signed_off_by: Later<string>;
  signed_off_at: Later<Instant>;
  escalation_level: ColumnType<number, number | undefined, number>;
}

/** the formal nonconformity report (QR-019). */
export interface NonconformityReportTable extends Timestamps {
  nonconformity_id: string;
  org_id: string;
  description: string;
  cause_analysis: Later<string>;
  correction: Later<string>;
  corrective_action: Later<string>;
  verification: Later<string>;
  effective: Later<Flag>;
  /** JSON array of `{ role, userId, name, uploadId, signedAt }`. */
  signatures_json: string;
  created_by: string;
}

/** the plan of one week; the repair sample is redrawn from `seed`. */
export interface CallbackPlanTable {
  id: string;
  org_id: string;
  /** The Monday (organisation's time zone, YYYY-MM-DD) of the week the plan is for. */
  week_start: string;
  status: CallbackPlanStatus;
  seed: string;
  repair_rate_percent: number;
  topic_rate_percent: number;
  /** Counts the head reviews: complaints, sampled and total work orders, topics, exempt. */
  summary_json: string;
  proposed_at: Instant;
  reviewed_by: Later<string>;
  reviewed_at: Later<Instant>;
  closed_at: Later<Instant>;
}

/** why a complaint closes without a callback; the reply letter when one was written. */
export interface CallbackExemptionTable {
  case_id: string;
  org_id: string;
  reason: CallbackExemptionReason;
  note: string | null;
  letter_upload_id: string | null;
  recorded_by: string;
  recorded_at: Instant;
}

/** One callback, planned or performed, numbered per subject. */
export interface CallbackTable extends Timestamps {
  id: string;
  org_id: string;
  estate_id: string | null;
  subject_type: CallbackSubjectType;
  /** The complaint or repair case (also set for a work order's callback); null for a topic. */
  case_id: string | null;
  work_order_id: string | null;
  topic_id: string | null;
  /** Set when the callback verifies the fix of a nonconformity. */
  nonconformity_id: Later<string>;
  plan_id: Later<string>;
  /** The callback whose appointed reply this one follows up. */
  follow_up_of_id: Later<string>;
  /** 1, 2, 3… per subject, in the order performed or planned. */
  sequence: number;
  status: CallbackStatus;
  method: CallbackMethod;
  assigned_to: Later<string>;
  assigned_at: Later<Instant>;
  due_at: Later<Instant>;
  performed_by: Later<string>;
  performed_at: Later<Instant>;
  outcome: Later<CallbackOutcome>;
  satisfaction: Later<Satisfaction>;
  opinion: Later<string>;
  /** On-site callbacks only. */
  signature_upload_id: Later<string>;
  /** what the resident raised that could not be answered at once, and when we reply. */
  reply_question: Later<string>;
  reply_due_at: Later<Instant>;
  replied_at: Later<Instant>;
  reply_reminded_at: Later<Instant>;
  answered_by_letter_id: Later<string>;
  created_by: Later<string>;
}

/** the customer-service head's check of one performed callback. */
export interface CallbackInspectionTable {
  id: string;
  org_id: string;
  callback_id: string;
  caller_id: string | null;
  inspector_id: string;
  method: CallbackInspectionMethod;
  result: CallbackInspectionResult;
  finding: string | null;
  sample_seed: string | null;
  inspected_at: Instant;
}
