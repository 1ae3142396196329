import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDatabases } from "../testing/databases.js";
import { type ApiClient, startTestApp, type TestApp } from "../testing/test-app.js";

interface TradeItem {
  id: string;
  code: string;
  name: string;
  workerCount: number;
  active: boolean;
}

describe.each(testDatabases())("trades (工种) on %s", (kind) => {
  let t: TestApp;
  let admin: ApiClient;
  beforeAll(async () => {
    t = await startTestApp(kind);
    admin = await t.as("admin");
  });
  afterAll(async () => {
    await t.close();
  });

  const tradeId = (code: string) => t.world.a.catalogue.trades.get(code) as string;
  const listTrades = async (client: ApiClient, query = ""): Promise<TradeItem[]> =>
    (await client.get(`/api/trades${query}`)).body.items;

  it("lists the organisation's trades by code with their active worker counts, to any staff member", async () => {
    const response = await (await t.as("csagent")).get("/api/trades");
    expect(response.status).toBe(200);
    const items = response.body.items as TradeItem[];
    expect(items.map((trade) => trade.code)).toEqual([
      "CIVIL",
      "DOOR_WINDOW",
      "HVAC",
      "LIFT",
      "PLUMB_ELEC",
      "WEAK_CURRENT",
    ]);
    expect(items.find((trade) => trade.code === "PLUMB_ELEC")).toMatchObject({
      id: tradeId("PLUMB_ELEC"),
      name: "水电",
      workerCount: 1,
      active: true,
    });
    expect(items.find((trade) => trade.code === "LIFT")?.workerCount).toBe(0);
    expect(items.map((trade) => trade.id)).not.toContain(t.world.b.catalogue.trades.get("LIFT"));
    expect((await (await t.as("res1")).get("/api/trades")).status).toBe(403);
    expect((await t.anonymous().get("/api/trades")).status).toBe(401);
  });

  it("lets the administrator create, rename and deactivate a trade, audited", async () => {
    const created = await admin.post("/api/trades", { code: "GAS", name: "燃气" });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ code: "GAS", name: "燃气", workerCount: 0, active: true });
    const renamed = await admin.patch(`/api/trades/${created.body.id}`, { name: "燃气管道" });
    expect(renamed.body).toMatchObject({ code: "GAS", name: "燃气管道", active: true });
    const deactivated = await admin.patch(`/api/trades/${created.body.id}`, { active: false });
    expect(deactivated.body.active).toBe(false);
    expect((await listTrades(admin, "?active=false")).map((trade) => trade.code)).toEqual(["GAS"]);
    expect((await listTrades(admin, "?active=true")).map((trade) => trade.code)).not.toContain("GAS");

    const audit = await admin.get(`/api/audit?entityType=trade&entityId=${created.body.id}`);
    expect(audit.body.items.map((entry: { action: string }) => entry.action)).toEqual([
      "trade.created",
      "trade.updated",
      "trade.updated",
    ]);
    expect(audit.body.items[1].before.name).toBe("燃气");
    expect(audit.body.items[2].after.active).toBe(false);
  });

  it("rejects invalid input with 400 and writes nothing", async () => {
    const before = await listTrades(admin);
    for (const body of [{ code: "", name: "空" }, { code: "OK" }, { code: "中文", name: "中文编码" }]) {
      const response = await admin.post("/api/trades", body);
      expect(response.status).toBe(400);
      expect(response.body.error.code).toBe("VALIDATION_FAILED");
    }
    const badPatch = await admin.patch(`/api/trades/${tradeId("HVAC")}`, { active: "no" });
    expect(badPatch.status).toBe(400);
    expect(await listTrades(admin)).toEqual(before);
  });

  it("refuses a duplicate code or name (409 naming the field) but allows it in another organisation", async () => {
    const sameCode = await admin.post("/api/trades", { code: "LIFT", name: "扶梯" });
    expect(sameCode.status).toBe(409);
    expect(sameCode.body.error).toMatchObject({ code: "DUPLICATE", details: { field: "code" } });
    const sameName = await admin.patch(`/api/trades/${tradeId("HVAC")}`, { name: "电梯" });
    expect(sameName.status).toBe(409);
    expect(sameName.body.error.details).toEqual({ field: "name" });
    expect((await (await t.as("adminb")).post("/api/trades", { code: "GAS", name: "燃气" })).status).toBe(201);
  });

  it("refuses to delete a trade a category or worker refers to (409 IN_USE); deletes an unused one", async () => {
    // PLUMB_ELEC is worker's trade and the default of several repair categories.
    const refused = await admin.delete(`/api/trades/${tradeId("PLUMB_ELEC")}`);
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe("IN_USE");
    expect((await listTrades(admin)).map((trade) => trade.code)).toContain("PLUMB_ELEC");

    const unused = await admin.post("/api/trades", { code: "PAINT", name: "油漆" });
    expect((await admin.delete(`/api/trades/${unused.body.id}`)).status).toBe(204);
    expect((await listTrades(admin)).map((trade) => trade.code)).not.toContain("PAINT");
    const audit = await admin.get(`/api/audit?entityType=trade&entityId=${unused.body.id}`);
    expect(audit.body.items.at(-1)).toMatchObject({ action: "trade.deleted" });
  });

  it("lets no one but the administrator change the trades", async () => {
    const id = tradeId("CIVIL");
    for (const username of ["cshead", "csagent", "repairlead", "worker", "qa", "res1"]) {
      const client = await t.as(username);
      for (const response of [
        await client.post("/api/trades", { code: "X1", name: "越权" }),
        await client.patch(`/api/trades/${id}`, { name: "越权" }),
        await client.delete(`/api/trades/${id}`),
      ]) {
        expect(response.status, username).toBe(403);
      }
    }
    const civil = (await listTrades(admin)).find((trade) => trade.id === id);
    expect(civil?.name).toBe("土建");
  });

  it("answers 404 to another organisation's administrator", async () => {
    const adminB = await t.as("adminb");
    const id = tradeId("CIVIL");
    expect((await adminB.patch(`/api/trades/${id}`, { name: "跨租户" })).status).toBe(404);
    expect((await adminB.delete(`/api/trades/${id}`)).status).toBe(404);
    expect((await listTrades(admin)).find((trade) => trade.id === id)?.name).toBe("土建");
  });
});
