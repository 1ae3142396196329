import type { CaseKind } from "@estate-desk/domain";
import type { Db } from "../db/database.js";
import { pngImage } from "../files/test-images.js";
import type { ApiClient, TestApp } from "./test-app.js";

/** The id of a starter-catalogue category, e.g. ("repair", "WATER_LEAK"). */
export async function categoryIdOf(db: Db, orgId: string, kind: CaseKind, code: string): Promise<string> {
  const row = await db
    .selectFrom("categories")
    .select("id")
    .where("org_id", "=", orgId)
    .where("kind", "=", kind)
    .where("code", "=", code)
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Uploads a small PNG as the client and returns its upload id. */
export async function uploadPhoto(client: ApiClient, width = 40, height = 30): Promise<string> {
  const form = new FormData();
  form.append("file", new Blob([new Uint8Array(pngImage(width, height))], { type: "image/png" }), "现场.png");
  const response = await client.request("POST", "/api/files", undefined, { rawBody: form });
  if (response.status !== 201) throw new Error(`upload failed: ${response.status} ${JSON.stringify(response.body)}`);
  return response.body.id;
}

/** A phone complaint from res1 about unit E1 1-101, routed by its category (安全秩序 → 秩序维护部). */
export async function phoneComplaint(t: TestApp, overrides: Record<string, unknown> = {}) {
  return {
    kind: "complaint",
    estateId: t.world.a.estates.E1,
    channel: "phone",
    residentId: t.world.a.residents.res1,
    unitId: t.world.a.units["E1-1-101"],
    categoryId: await categoryIdOf(t.database.db, t.world.a.orgId, "complaint", "SECURITY"),
    content: "晚上十点后楼下仍有人大声喧哗，保安巡逻不到位",
    ...overrides,
  };
}

/** A phone repair request from res1: water leaking in unit E1 1-101 (漏水渗水 → 水电). */
export async function phoneRepair(t: TestApp, overrides: Record<string, unknown> = {}) {
  return {
    kind: "repair",
    estateId: t.world.a.estates.E1,
    channel: "phone",
    residentId: t.world.a.residents.res1,
    unitId: t.world.a.units["E1-1-101"],
    categoryId: await categoryIdOf(t.database.db, t.world.a.orgId, "repair", "WATER_LEAK"),
    content: "卫生间天花板漏水，楼上可能水管破裂",
    ...overrides,
  };
}

export async function countCases(db: Db): Promise<number> {
  const row = await db
    .selectFrom("cases")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
