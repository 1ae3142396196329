import type { Role } from "./roles.js";

/**
 * Residents' personal information under China's PIPL (issue #8 item 9): roles that do not
 * contact residents see names and phone numbers masked in lists, registers and exports; the
 * roles that call residents back see them in full. Revealing a full number is a logged action.
 */

/** Roles whose work is talking to residents: customer service, repair team leaders, administrators. */
export const ROLES_SEEING_RESIDENT_CONTACTS: readonly Role[] = ["admin", "cs_head", "cs_agent", "repair_lead"];

/** True when someone with these roles sees residents' names and phone numbers unmasked. */
export function seesResidentContacts(roles: readonly Role[]): boolean {
  return roles.some((role) => ROLES_SEEING_RESIDENT_CONTACTS.includes(role));
}

/**
 * `13812341234` → `138****1234`; shorter numbers keep their first and last digits only
 * (`6234567` → `6*****7`). Separators are kept out of the count: `0755-8888 1234` → `075*****1234`.
 */
export function maskPhone(phone: string | null | undefined): string | null {
  if (phone === null || phone === undefined) return null;
  const digits = phone.replace(/\D/g, "");
  if (digits.length === 0) return "****";
  if (digits.length >= 11) return `${digits.slice(0, 3)}${"*".repeat(digits.length - 7)}${digits.slice(-4)}`;
  if (digits.length <= 2) return "*".repeat(digits.length);
  return `${digits[0]}${"*".repeat(digits.length - 2)}${digits.at(-1)}`;
}

/**
 * Chinese names keep the family name: `张三` → `张*`, `欧阳娜娜` → `欧***` (a compound family
 * name is not told apart: one character is enough to address someone). Latin names keep their
 * first letter: `Alice Wong` → `A*********`.
 */
export function maskName(name: string | null | undefined): string | null {
  if (name === null || name === undefined) return null;
  const characters = [...name.trim()];
  if (characters.length === 0) return name;
  if (characters.length === 1) return "*";
  return `${characters[0]}${"*".repeat(characters.length - 1)}`;
}

/** What an anonymised departed resident's record says instead of their name. */
export const ANONYMISED_NAME = "已匿名";
export const ANONYMISED_PHONE = "00000000000";

/** The contact fields of a case (summary, detail, dispatch order) that hold personal data. */
interface CaseContactFields {
  contactName?: string | null;
  contactPhone?: string | null;
  visitorName?: string | null;
  visitorPhone?: string | null;
  callbackPhone?: string | null;
}

/**
 * A case as a viewer with these roles may see it: unchanged for roles that contact residents,
 * names and numbers masked for the others. Used by the presenters of the register, the case
 * form and the dispatch order, so every list, detail and export built on them agrees.
 */
export function maskCaseContacts<T extends CaseContactFields>(item: T, roles: readonly Role[]): T {
  if (seesResidentContacts(roles)) return item;
  const masked: T = { ...item };
  if ("contactName" in item) masked.contactName = maskName(item.contactName);
  if ("contactPhone" in item) masked.contactPhone = maskPhone(item.contactPhone);
  if ("visitorName" in item) masked.visitorName = maskName(item.visitorName);
  if ("visitorPhone" in item) masked.visitorPhone = maskPhone(item.visitorPhone);
  if ("callbackPhone" in item) masked.callbackPhone = maskPhone(item.callbackPhone);
  return masked;
}

/** A resident record as a viewer with these roles may see it (the residents directory). */
export function maskResidentContacts<T extends { name: string; phone: string; altPhone: string | null }>(
  resident: T,
  roles: readonly Role[],
): T {
  if (seesResidentContacts(roles)) return resident;
  return {
    ...resident,
    name: maskName(resident.name) ?? "",
    phone: maskPhone(resident.phone) ?? "",
    altPhone: maskPhone(resident.altPhone),
  };
}

const NAME_KEYS = new Set(["name", "contactName", "visitorName", "calledName"]);
const PHONE_KEYS = new Set(["phone", "altPhone", "contactPhone", "visitorPhone", "callbackPhone", "calledPhone"]);

/**
 * Masks names and numbers anywhere inside a recorded value (an audit entry's before and after),
 * by key, for viewers who do not contact residents: the audit log keeps what was recorded, its
 * readers see what their role may see.
 */
export function maskPersonalData(value: unknown, roles: readonly Role[]): unknown {
  if (seesResidentContacts(roles)) return value;
  if (Array.isArray(value)) return value.map((item) => maskPersonalData(item, roles));
  if (value === null || typeof value !== "object") return value;
  const masked: Record<string, unknown> = {};
  for (const [key, inner] of Object.entries(value)) {
    if (typeof inner === "string" && NAME_KEYS.has(key)) masked[key] = maskName(inner);
    else if (typeof inner === "string" && PHONE_KEYS.has(key)) masked[key] = maskPhone(inner);
    else masked[key] = maskPersonalData(inner, roles);
  }
  return masked;
}
