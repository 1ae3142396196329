import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { phoneComplaint } from "../testing/cases.js";
import { testDatabases } from "../testing/databases.js";
import { startTestApp, type TestApp } from "../testing/test-app.js";
import { anonymiseDepartedResidents } from "./privacy.service.js";
import { withoutRepeatRule } from "./records-testing.js";

describe.each(testDatabases())("residents' personal information (PIPL) on %s", (kind) => {
  let t: TestApp;
  let caseId: string;
  beforeAll(async () => {
    t = await startTestApp(kind);
    await withoutRepeatRule(t);
    const head = await t.as("cshead");
    const created = await head.post("/api/cases", await phoneComplaint(t, { similarCasesAcknowledged: true }));
    expect(created.status).toBe(201);
    caseId = created.body.id;
  });
  afterAll(async () => {
    await t.close();
  });

  it("masks names and numbers in the register and on the case for roles that do not contact residents", async () => {
    for (const username of ["qa", "mgmtrep", "depthead", "deptstaff"]) {
      const client = await t.as(username);
      const list = await client.get("/api/cases");
      const row = list.body.items.find((item: { id: string }) => item.id === caseId);
      expect(row, username).toMatchObject({ contactName: "住*****", contactPhone: "139****1001" });
      const detail = await client.get(`/api/cases/${caseId}`);
      expect(detail.body.contactPhone, username).toBe("139****1001");
      expect(detail.body.callbackPhone, username).toBe("139****1001");
      expect(JSON.stringify(detail.body), username).not.toContain("13900001001");
    }
    for (const username of ["cshead", "csagent", "admin"]) {
      const client = await t.as(username);
      const detail = await client.get(`/api/cases/${caseId}`);
      expect(detail.body, username).toMatchObject({ contactName: "住户res1", contactPhone: "13900001001" });
    }
  });

  it("masks the residents directory for those roles too", async () => {
    const qa = await t.as("qa");
    const residents = await qa.get("/api/residents");
    expect(residents.status).toBe(200);
    expect(JSON.stringify(residents.body)).not.toContain("13900001001");
    const res1 = residents.body.items.find((r: { id: string }) => r.id === t.world.a.residents.res1);
    expect(res1).toMatchObject({ phone: "139****1001" });
  });

  it("masks residents' numbers in the audit history for those roles, not for the administrator", async () => {
    const residentId = t.world.a.residents.res1 as string;
    const admin = await t.as("admin");
    expect((await admin.patch(`/api/residents/${residentId}`, { altPhone: "13911112222" })).status).toBe(200);
    const asQa = await (await t.as("qa")).get(`/api/audit?entityType=resident&entityId=${residentId}`);
    expect(asQa.status).toBe(200);
    expect(JSON.stringify(asQa.body)).not.toContain("13911112222");
    expect(JSON.stringify(asQa.body)).toContain("139****2222");
    const asAdmin = await admin.get(`/api/audit?entityType=resident&entityId=${residentId}`);
    expect(JSON.stringify(asAdmin.body)).toContain("13911112222");
  });

  it("reveals a full number only as an explicit action that is logged", async () => {
    const qa = await t.as("qa");
    const revealed = await qa.post(`/api/cases/${caseId}/contact/reveal`);
    expect(revealed.status).toBe(200);
    expect(revealed.body).toMatchObject({ contactName: "住户res1", contactPhone: "13900001001" });
    const resident = await qa.post(`/api/residents/${t.world.a.residents.res1}/reveal`);
    expect(resident.body).toMatchObject({ phone: "13900001001" });
    const audit = await t.database.db
      .selectFrom("audit_log")
      .select(["action", "actor_id", "entity_id"])
      .where("action", "in", ["case.contact_revealed", "resident.contact_revealed"])
      .execute();
    expect(audit).toEqual(
      expect.arrayContaining([
        { action: "case.contact_revealed", actor_id: t.world.a.users.qa, entity_id: caseId },
        { action: "resident.contact_revealed", actor_id: t.world.a.users.qa, entity_id: t.world.a.residents.res1 },
      ]),
    );
    expect((await (await t.as("adminb")).post(`/api/cases/${caseId}/contact/reveal`)).status).toBe(404);
  });

  it("lets a resident download their own data as JSON", async () => {
    const res1 = await t.as("res1");
    const response = await res1.get("/api/portal/my-data");
    expect(response.status).toBe(200);
    expect(response.headers.get("content-disposition")).toMatch(/attachment; filename="my-data-/);
    expect(response.body.resident).toMatchObject({ name: "住户res1", phone: "13900001001" });
    expect(response.body.account.username).toBe("res1");
    expect(response.body.cases.map((c: { id: string }) => c.id)).toContain(caseId);
    expect((await (await t.as("qa")).get("/api/portal/my-data")).status).toBe(403);
  });

  it("anonymises a departed resident after the retention period, keeping their cases countable", async () => {
    const residentId = t.world.a.residents.res1 as string;
    const admin = await t.as("admin");
    expect((await admin.patch(`/api/residents/${residentId}`, { active: false })).status).toBe(200);
    const countBefore = await t.database.db
      .selectFrom("cases")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("org_id", "=", t.world.a.orgId)
      .executeTakeFirstOrThrow();

    // Within the retention period (12 months by default) nothing happens.
    expect(await anonymiseDepartedResidents(t.database.db, new Date().toISOString())).toBe(0);
    const later = new Date(Date.now() + 400 * 24 * 3600_000).toISOString();
    expect(await anonymiseDepartedResidents(t.database.db, later)).toBe(1);
    expect(await anonymiseDepartedResidents(t.database.db, later)).toBe(0);

    const resident = await t.database.db
      .selectFrom("residents")
      .selectAll()
      .where("id", "=", residentId)
      .executeTakeFirstOrThrow();
    expect(resident).toMatchObject({ name: "已匿名", alt_phone: null, note: null });
    expect(resident.phone).not.toBe("13900001001");
    expect(resident.anonymised_at).toBeTruthy();
    const account = await t.database.db
      .selectFrom("users")
      .selectAll()
      .where("resident_id", "=", residentId)
      .executeTakeFirst();
    if (account) expect(account).toMatchObject({ active: 0, phone: null, email: null, display_name: "已匿名" });

    // The case stays in the register with estate, category and dates, without the person.
    const countAfter = await t.database.db
      .selectFrom("cases")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("org_id", "=", t.world.a.orgId)
      .executeTakeFirstOrThrow();
    expect(Number(countAfter.n)).toBe(Number(countBefore.n));
    const head = await t.as("cshead");
    const detail = await head.get(`/api/cases/${caseId}`);
    expect(detail.body).toMatchObject({ estateId: t.world.a.estates.E1, contactName: "已匿名", callbackPhone: null });
    expect(detail.body.categoryId).toBeTruthy();
    expect(JSON.stringify(detail.body)).not.toContain("13900001001");
    const search = await head.get("/api/cases?q=13900001001");
    expect(search.body.items.map((c: { id: string }) => c.id)).not.toContain(caseId);
  });
});
