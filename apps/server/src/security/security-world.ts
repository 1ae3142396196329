/**
 * The seeded test world (testing/fixtures.ts) plus one record of every other type in each of
 * three places — organisation A estate E1, organisation A estate E2, organisation B — created
 * through the API, and the rules that fill a route's path parameters with an id of the
 * right type from the right place.
 */
import { randomUUID } from "node:crypto";
import { pngImage } from "../files/test-images.js";
import { categoryIdOf } from "../testing/cases.js";
import type { TestApp } from "../testing/test-app.js";
import { type SecurityClient, signedIn, stringField } from "./http-client.js";
import type { RouteInfo } from "./route-inventory.js";

/** Where a record lives. */
export type Slot = "a1" | "a2" | "b";

/** The record types a path parameter can name. */
export type RecordType =
  | "estate"
  | "building"
  | "unit"
  | "resident"
  | "user"
  | "department"
  | "trade"
  | "category"
  | "case"
  | "photo"
  | "upload"
  | "notification"
  | "webhook"
  | "deadlinePolicy"
  | "outbox"
  | "publicCode"
  | "day"
  /** Issue #7: a callback on a case. */
  | "callback";

/** Record types whose records belong to one estate: staff limited to other estates must not reach them. */
export const ESTATE_SCOPED: ReadonlySet<RecordType> = new Set([
  "estate",
  "building",
  "unit",
  "resident",
  "case",
  "photo",
  "callback",
]);

/**
 * The type of a path parameter: by its name where that says it (`estateId`), otherwise by the
 * URL segment before it (`/api/units/:id` → unit). Unknown → a random UUID (a 404 at worst),
 * so a new route still runs; add its prefix here to test it with real ids.
 */
const TYPE_BY_PARAM: Record<string, RecordType> = {
  estateId: "estate",
  uploadId: "photo",
  publicCode: "publicCode",
  day: "day",
};
const TYPE_BY_SEGMENT: Record<string, RecordType> = {
  estates: "estate",
  buildings: "building",
  units: "unit",
  residents: "resident",
  users: "user",
  departments: "department",
  trades: "trade",
  categories: "category",
  cases: "case",
  photos: "photo",
  files: "upload",
  notifications: "notification",
  webhooks: "webhook",
  "deadline-policies": "deadlinePolicy",
  outbox: "outbox",
  days: "day",
  callbacks: "callback",
};

export function paramTypes(url: string): Array<{ name: string; type: RecordType | undefined }> {
  const segments = url.split("/");
  const result: Array<{ name: string; type: RecordType | undefined }> = [];
  segments.forEach((segment, index) => {
    if (!segment.startsWith(":")) return;
    const name = segment.slice(1);
    result.push({ name, type: TYPE_BY_PARAM[name] ?? TYPE_BY_SEGMENT[segments[index - 1] ?? ""] });
  });
  return result;
}

export interface SeededUser {
  username: string;
  /** Where the user's own records are. */
  home: Slot;
  kind: "staff" | "resident";
  /** Staff who see only estate E1 of organisation A. */
  estateLimited: boolean;
}

/** Every seeded user (fixtures.ts). */
export const USERS: readonly SeededUser[] = [
  { username: "admin", home: "a1", kind: "staff", estateLimited: false },
  { username: "cshead", home: "a1", kind: "staff", estateLimited: false },
  { username: "csagent", home: "a1", kind: "staff", estateLimited: true },
  { username: "depthead", home: "a1", kind: "staff", estateLimited: false },
  { username: "deptstaff", home: "a1", kind: "staff", estateLimited: false },
  { username: "repairlead", home: "a1", kind: "staff", estateLimited: true },
  { username: "worker", home: "a1", kind: "staff", estateLimited: true },
  { username: "qa", home: "a1", kind: "staff", estateLimited: false },
  { username: "mgmtrep", home: "a1", kind: "staff", estateLimited: false },
  { username: "res1", home: "a1", kind: "resident", estateLimited: false },
  { username: "res2", home: "a2", kind: "resident", estateLimited: false },
  { username: "adminb", home: "b", kind: "staff", estateLimited: false },
  { username: "resb", home: "b", kind: "resident", estateLimited: false },
];

export type Records = Record<RecordType, Record<Slot, string>>;

export interface SecurityWorld {
  records: Records;
  /** The case of each slot (the one whose photo is records.photo). */
  clients: Map<string, SecurityClient>;
  client(username: string): SecurityClient;
  /** Every id of organisation A's records, to look for in organisation B's responses. */
  orgAIds: Set<string>;
  /** Ids of records in estate E2, to look for in responses to staff limited to E1. */
  e2Ids: Set<string>;
}

async function upload(client: SecurityClient): Promise<string> {
  const form = new FormData();
  form.append("file", new Blob([new Uint8Array(pngImage(20, 10))], { type: "image/png" }), "现场.png");
  const response = await client.request("POST", "/api/files", { rawBody: form });
  if (response.status !== 201) throw new Error(`upload: ${response.status} ${response.text}`);
  return stringField(response.json, "id");
}

async function created(client: SecurityClient, path: string, body: unknown, method = "POST"): Promise<string> {
  const response = await client.request(method, path, { body });
  if (response.status !== 201 && response.status !== 200) {
    throw new Error(`${client.label} ${method} ${path}: ${response.status} ${response.text}`);
  }
  return stringField(response.json, "id");
}

/** Creates cases, photos, notifications, webhooks and deadline policies in every slot; signs every user in. */
export async function buildSecurityWorld(t: TestApp): Promise<SecurityWorld> {
  const clients = new Map<string, SecurityClient>();
  for (const user of USERS) clients.set(user.username, await signedIn(t.baseUrl, user.username));
  const client = (username: string) => {
    const found = clients.get(username);
    if (!found) throw new Error(`no client for ${username}`);
    return found;
  };
  const { a, b } = t.world;
  const db = t.database.db;

  // Cases: customer service registers a complaint about each resident's unit in A (so staff
  // and that resident both see it); in B (no customer service) the resident files one.
  const caseInA = async (estate: "E1" | "E2", resident: "res1" | "res2") => {
    const photo = await upload(client("cshead"));
    const id = await created(client("cshead"), "/api/cases", {
      kind: "complaint",
      estateId: a.estates[estate],
      channel: "phone",
      residentId: a.residents[resident],
      unitId: a.units[`${estate}-1-101`],
      categoryId: await categoryIdOf(db, a.orgId, "complaint", "SECURITY"),
      content: `${estate} 楼下夜间喧哗，安全检查`,
      photoIds: [photo],
    });
    return { id, photo };
  };
  const caseA1 = await caseInA("E1", "res1");
  const caseA2 = await caseInA("E2", "res2");
  const photoB = await upload(client("resb"));
  const caseB = await created(client("resb"), "/api/portal/cases", {
    kind: "repair",
    unitId: b.units["EB-1-101"],
    categoryId: await categoryIdOf(db, b.orgId, "repair", "WATER_LEAK"),
    content: "EB 卫生间漏水",
    photoIds: [photoB],
  });
  for (const caseId of [caseA1.id, caseA2.id]) {
    await created(client("cshead"), `/api/cases/${caseId}/comments`, { visibility: "resident", body: "已安排处理" });
  }

  const webhook = async (username: string) =>
    created(client(username), "/api/webhooks", { url: "https://93.184.216.34/hook", topics: ["case.routed"] });
  const policy = async (username: string) =>
    created(client(username), "/api/deadline-policies", { kind: "suggestion", acceptMinutes: 60, resultMinutes: 600 });

  // A notification of depthead (the complaint was routed to 秩序维护部); B has none of its own.
  const notificationOf = async (userId: string) => {
    const row = await db.selectFrom("notifications").select("id").where("user_id", "=", userId).executeTakeFirst();
    return row?.id ?? randomUUID();
  };
  const outboxOf = async (orgId: string) => {
    const row = await db.selectFrom("outbox").select("id").where("org_id", "=", orgId).executeTakeFirst();
    return row?.id ?? randomUUID();
  };
  const depthead = a.users.depthead ?? randomUUID();
  const notificationA = await notificationOf(depthead);
  const webhookA = await webhook("admin");
  const policyA = await policy("admin");
  const upload1 = await upload(client("admin"));

  const pick = (record: Record<string, string>, key: string) => {
    const value = record[key];
    if (value === undefined) throw new Error(`no seeded ${key}`);
    return value;
  };
  const catalogue = (org: typeof a, kind: "departments" | "trades", code: string) => {
    const value = org.catalogue[kind].get(code);
    if (value === undefined) throw new Error(`no ${kind} ${code}`);
    return value;
  };
  const categoryA = await categoryIdOf(db, a.orgId, "complaint", "SECURITY");
  const estateCode = async (estateId: string) => {
    const row = await db
      .selectFrom("estates")
      .select("public_code")
      .where("id", "=", estateId)
      .executeTakeFirstOrThrow();
    return row.public_code;
  };

  // Issue #7: a callback on each slot's case (B has no customer service: its row is written
  // directly), and a callback exemption with its reply letter on A1's complaint.
  // A1's is on site with the resident's signature, so that its signature route has an image.
  const callbackOn = async (caseId: string, onSite: boolean) =>
    created(client("cshead"), "/api/callbacks", {
      subjectType: "complaint",
      caseId,
      method: onSite ? "on_site" : "phone",
      result: onSite
        ? { outcome: "reached", satisfaction: "basically_satisfied", signatureId: await upload(client("cshead")) }
        : { outcome: "unreachable" },
    });
  const callbackB = randomUUID();
  const now = new Date().toISOString();
  await db
    .insertInto("callbacks")
    .values({
      id: callbackB,
      org_id: b.orgId,
      estate_id: pick(b.estates, "EB"),
      subject_type: "complaint",
      case_id: caseB,
      work_order_id: null,
      topic_id: null,
      sequence: 1,
      status: "planned",
      method: "phone",
      created_at: now,
      updated_at: now,
    })
    .execute();
  const letterForm = new FormData();
  letterForm.append("file", new Blob([Buffer.from("%PDF-1.4\n%%EOF\n")], { type: "application/pdf" }), "答复.pdf");
  const letter = await client("cshead").request("POST", "/api/files", { rawBody: letterForm });
  const exemption = await client("cshead").request("POST", `/api/cases/${caseA1.id}/callback-exemption`, {
    body: { reason: "written_reply_only", letterId: stringField(letter.json, "id") },
  });
  if (exemption.status !== 201) throw new Error(`callback exemption: ${exemption.status} ${exemption.text}`);

  const records: Records = {
    estate: { a1: pick(a.estates, "E1"), a2: pick(a.estates, "E2"), b: pick(b.estates, "EB") },
    building: { a1: pick(a.buildings, "E1"), a2: pick(a.buildings, "E2"), b: pick(b.buildings, "EB") },
    unit: { a1: pick(a.units, "E1-1-101"), a2: pick(a.units, "E2-1-101"), b: pick(b.units, "EB-1-101") },
    resident: { a1: pick(a.residents, "res1"), a2: pick(a.residents, "res2"), b: pick(b.residents, "resb") },
    user: { a1: pick(a.users, "depthead"), a2: pick(a.users, "res2"), b: pick(b.users, "resb") },
    department: {
      a1: catalogue(a, "departments", "SEC"),
      a2: catalogue(a, "departments", "ENG"),
      b: catalogue(b, "departments", "SEC"),
    },
    trade: {
      a1: catalogue(a, "trades", "PLUMB_ELEC"),
      a2: catalogue(a, "trades", "PLUMB_ELEC"),
      b: catalogue(b, "trades", "PLUMB_ELEC"),
    },
    category: {
      a1: categoryA,
      a2: categoryA,
      b: await categoryIdOf(db, b.orgId, "complaint", "SECURITY"),
    },
    case: { a1: caseA1.id, a2: caseA2.id, b: caseB },
    photo: { a1: caseA1.photo, a2: caseA2.photo, b: photoB },
    upload: { a1: upload1, a2: upload1, b: photoB },
    notification: {
      a1: notificationA,
      a2: notificationA,
      b: await notificationOf(pick(b.users, "adminb")),
    },
    webhook: { a1: webhookA, a2: webhookA, b: await webhook("adminb") },
    deadlinePolicy: { a1: policyA, a2: policyA, b: await policy("adminb") },
    outbox: { a1: await outboxOf(a.orgId), a2: await outboxOf(a.orgId), b: await outboxOf(b.orgId) },
    publicCode: {
      a1: await estateCode(pick(a.estates, "E1")),
      a2: await estateCode(pick(a.estates, "E2")),
      b: await estateCode(pick(b.estates, "EB")),
    },
    day: { a1: "2026-10-08", a2: "2026-10-08", b: "2026-10-08" },
    callback: { a1: await callbackOn(caseA1.id, true), a2: await callbackOn(caseA2.id, false), b: callbackB },
  };

  const orgAIds = new Set<string>();
  const e2Ids = new Set<string>();
  for (const [type, slots] of Object.entries(records)) {
    if (type === "day" || type === "publicCode") continue;
    if (slots.a1 !== slots.b) orgAIds.add(slots.a1);
    if (slots.a2 !== slots.b) orgAIds.add(slots.a2);
    if (ESTATE_SCOPED.has(type as RecordType) && slots.a2 !== slots.a1) e2Ids.add(slots.a2);
  }
  // Every user, resident and unit of A too.
  for (const id of [...Object.values(a.users), ...Object.values(a.residents), ...Object.values(a.units)]) {
    orgAIds.add(id);
  }
  return { records, clients, client, orgAIds, e2Ids };
}

/** A route's URL with each path parameter replaced by the id of its type in `slot`. */
export function fillPath(url: string, records: Records, slot: Slot): string {
  const types = paramTypes(url);
  let index = 0;
  return url.replace(/:(\w+)/g, () => {
    const type = types[index++]?.type;
    const value = type ? records[type][slot] : randomUUID();
    return encodeURIComponent(value);
  });
}

/** The record types a route's path names, e.g. /api/cases/:id/photos/:uploadId → [case, photo]. */
export function routeRecordTypes(route: Pick<RouteInfo, "url">): Array<RecordType | undefined> {
  return paramTypes(route.url).map((param) => param.type);
}

/** The record type a body or query field names: estateId → estate, photoIds → upload, originalId → case. */
const TYPE_BY_FIELD: Record<string, RecordType> = {
  estate: "estate",
  building: "building",
  unit: "unit",
  resident: "resident",
  user: "user",
  assignee: "user",
  department: "department",
  forwardedByDepartment: "department",
  trade: "trade",
  category: "category",
  case: "case",
  original: "case",
  photo: "upload",
  upload: "upload",
  file: "upload",
  notification: "notification",
  webhook: "webhook",
};

export function fieldRecordType(name: string): RecordType | undefined {
  const stem = name.replace(/Ids?$/, "");
  return TYPE_BY_FIELD[stem];
}
