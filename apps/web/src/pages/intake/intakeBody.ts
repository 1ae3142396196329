import type {
  CaseCompletion,
  CaseForward,
  CaseIntake,
  CaseKind,
  CaseSource,
  STAFF_INTAKE_CHANNELS,
  Urgency,
} from "@estate-desk/domain";
import { zonedLocalToIso } from "../../app/zonedTime";
import { normalisePhone } from "../../components/formRules";

export type StaffChannel = (typeof STAFF_INTAKE_CHANNELS)[number];

/** Who the case is from: a resident found by the lookup, a visitor by name and phone, or nobody (an anonymous letter). */
export type ContactMode = "resident" | "visitor" | "anonymous";
/** Where: one unit, or a public area described in words. */
export type PlaceMode = "unit" | "public";

/** The fields of the parties and callback sections, shared by intake and forwarding. */
export interface PartiesValues {
  estateId?: string;
  place: PlaceMode;
  unitId?: string;
  publicArea?: string;
  contact: ContactMode;
  residentId?: string;
  visitorName?: string;
  visitorPhone?: string;
  wantsCallback: boolean;
  callbackPhone?: string;
  callbackNote?: string;
  content?: string;
  photoIds: string[];
  /** `datetime-local` in the organisation's zone; empty means now. */
  receivedAtLocal?: string;
}

export interface IntakeValues extends PartiesValues {
  kind: CaseKind;
  channel: StaffChannel;
  forwardedByDepartmentId?: string;
  forwardedByName?: string;
  categoryId?: string;
  urgency?: Urgency;
  departmentId?: string;
  /** Complaints only: who raised it, and whether the clerk flags it as major. */
  source?: CaseSource;
  major?: boolean;
  majorReason?: string;
}

function text(value: string | undefined | null): string | null {
  const trimmed = value?.trim() ?? "";
  return trimmed === "" ? null : trimmed;
}

function phone(value: string | undefined | null): string | null {
  const trimmed = text(value);
  return trimmed === null ? null : normalisePhone(trimmed);
}

function parties(values: PartiesValues) {
  const visitorName = text(values.visitorName);
  const visitorPhone = phone(values.visitorPhone);
  return {
    residentId: values.contact === "resident" ? (values.residentId ?? null) : null,
    visitor:
      values.contact === "visitor" && visitorName !== null && visitorPhone !== null
        ? { name: visitorName, phone: visitorPhone }
        : null,
    unitId: values.place === "unit" ? (values.unitId ?? null) : null,
    publicArea: values.place === "public" ? text(values.publicArea) : null,
  };
}

function callback(values: PartiesValues) {
  // No callback wanted: no number or note is kept either.
  return {
    wantsCallback: values.wantsCallback,
    callbackPhone: values.wantsCallback ? phone(values.callbackPhone) : null,
    callbackNote: values.wantsCallback ? text(values.callbackNote) : null,
  };
}

/** Source and the major flag belong to complaints; other kinds keep the defaults. */
function majorComplaint(values: IntakeValues): Pick<CaseIntake, "source" | "major" | "majorReason"> {
  if (values.kind !== "complaint") return { source: "resident", major: false };
  const major = values.major ?? false;
  const reason = major ? text(values.majorReason) : null;
  return { source: values.source ?? "resident", major, ...(reason === null ? {} : { majorReason: reason }) };
}

function receivedAt(values: PartiesValues, timeZone: string): { receivedAt?: string } {
  const local = text(values.receivedAtLocal);
  const iso = local === null ? null : zonedLocalToIso(local, timeZone);
  return iso === null ? {} : { receivedAt: iso };
}

/** POST /api/cases body from the intake form. */
export function buildIntakeBody(values: IntakeValues, timeZone: string, similarCasesAcknowledged: boolean): CaseIntake {
  const forwarded = values.channel === "forwarded";
  return {
    kind: values.kind,
    estateId: values.estateId ?? "",
    channel: values.channel,
    ...receivedAt(values, timeZone),
    forwardedByDepartmentId: forwarded ? (values.forwardedByDepartmentId ?? null) : null,
    forwardedByName: forwarded ? text(values.forwardedByName) : null,
    ...parties(values),
    categoryId: values.categoryId ?? "",
    ...(values.urgency ? { urgency: values.urgency } : {}),
    content: values.content?.trim() ?? "",
    // A repair goes to the estate's repair team; a department is for complaints and suggestions.
    departmentId: values.kind === "repair" ? null : (values.departmentId ?? null),
    ...majorComplaint(values),
    ...callback(values),
    photoIds: values.photoIds,
    similarCasesAcknowledged,
  };
}

export interface ForwardValues extends PartiesValues {
  kind: CaseKind;
}

/** POST /api/cases/forward body. */
export function buildForwardBody(values: ForwardValues, timeZone: string): CaseForward {
  return {
    kind: values.kind,
    estateId: values.estateId ?? "",
    ...parties(values),
    content: values.content?.trim() ?? "",
    ...receivedAt(values, timeZone),
    ...callback(values),
    photoIds: values.photoIds,
  };
}

export interface CompletionValues {
  kind: CaseKind;
  categoryId?: string;
  urgency?: Urgency;
  departmentId?: string;
  content?: string;
}

/** POST /api/cases/:id/complete body. */
export function buildCompletionBody(values: CompletionValues, similarCasesAcknowledged: boolean): CaseCompletion {
  const content = text(values.content);
  return {
    kind: values.kind,
    categoryId: values.categoryId ?? "",
    ...(values.urgency ? { urgency: values.urgency } : {}),
    departmentId: values.kind === "repair" ? null : (values.departmentId ?? null),
    ...(content === null ? {} : { content }),
    similarCasesAcknowledged,
  };
}
