import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDatabases } from "../testing/databases.js";
import { type ApiClient, startTestApp, type TestApp } from "../testing/test-app.js";

interface CategoryItem {
  id: string;
  kind: string;
  code: string;
  name: string;
  sortOrder: number;
  active: boolean;
}

describe.each(testDatabases())("complaint, repair and suggestion categories (R-4.1.3) on %s", (kind) => {
  let t: TestApp;
  let admin: ApiClient;
  beforeAll(async () => {
    t = await startTestApp(kind);
    admin = await t.as("admin");
  });
  afterAll(async () => {
    await t.close();
  });

  const departmentId = (code: string) => t.world.a.catalogue.departments.get(code) as string;
  const tradeId = (code: string) => t.world.a.catalogue.trades.get(code) as string;
  const listCategories = async (query = ""): Promise<CategoryItem[]> =>
    (await admin.get(`/api/categories${query}`)).body.items;
  const categoryByCode = async (code: string, kindOf = "repair") =>
    (await listCategories(`?kind=${kindOf}`)).find((category) => category.code === code);

  it("lists categories by kind, sort order and name with the names of their default department and trade", async () => {
    const response = await (await t.as("csagent")).get("/api/categories");
    expect(response.status).toBe(200);
    const items = response.body.items as CategoryItem[];
    expect(items).toHaveLength(23);
    expect(items.map((category) => category.kind)).toEqual([
      ...Array(10).fill("complaint"),
      ...Array(9).fill("repair"),
      ...Array(4).fill("suggestion"),
    ]);
    const sortOrders = items.filter((category) => category.kind === "repair").map((category) => category.sortOrder);
    expect(sortOrders).toEqual([...sortOrders].sort((a, b) => a - b));
    expect(items.find((category) => category.code === "WATER_LEAK")).toMatchObject({
      kind: "repair",
      name: "漏水渗水",
      defaultDepartmentId: departmentId("ENG"),
      defaultDepartmentName: "工程部",
      defaultTradeId: tradeId("PLUMB_ELEC"),
      defaultTradeName: "水电",
      defaultUrgency: "high",
      active: true,
    });
    expect(items.find((category) => category.code === "SERVICE")).toMatchObject({
      defaultTradeId: null,
      defaultTradeName: null,
    });

    const suggestions = await (await t.as("worker")).get("/api/categories?kind=suggestion");
    expect(suggestions.body.items.map((category: CategoryItem) => category.code)).toEqual([
      "MANAGEMENT",
      "AMENITY",
      "COMMUNITY",
      "PRAISE",
    ]);
    expect((await admin.get("/api/categories?kind=other")).status).toBe(400);
    expect((await (await t.as("res1")).get("/api/categories")).status).toBe(403);
  });

  it("lets the administrator create a category routed to a department and trade, audited", async () => {
    const created = await admin.post("/api/categories", {
      kind: "repair",
      code: "GAS_LEAK",
      name: "燃气泄漏",
      defaultDepartmentId: departmentId("ENG"),
      defaultTradeId: tradeId("PLUMB_ELEC"),
      defaultUrgency: "urgent",
      sortOrder: 5,
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      kind: "repair",
      code: "GAS_LEAK",
      defaultDepartmentName: "工程部",
      defaultTradeName: "水电",
      defaultUrgency: "urgent",
      sortOrder: 5,
      active: true,
    });
    const minimal = await admin.post("/api/categories", { kind: "suggestion", code: "OTHER", name: "其他建议" });
    expect(minimal.body).toMatchObject({ defaultDepartmentId: null, defaultUrgency: "normal", sortOrder: 0 });

    const audit = await admin.get(`/api/audit?entityType=category&entityId=${created.body.id}`);
    expect(audit.body.items).toHaveLength(1);
    expect(audit.body.items[0]).toMatchObject({ action: "category.created" });
    expect(audit.body.items[0].after.defaultDepartmentName).toBe("工程部");
  });

  it("rejects another organisation's department or trade as 400 naming the field, writing nothing", async () => {
    const before = await listCategories();
    const foreignDepartment = await admin.post("/api/categories", {
      kind: "complaint",
      code: "FOREIGN1",
      name: "外部门",
      defaultDepartmentId: t.world.b.catalogue.departments.get("CS"),
    });
    expect(foreignDepartment.status).toBe(400);
    expect(foreignDepartment.body.error.code).toBe("VALIDATION_FAILED");
    expect(JSON.stringify(foreignDepartment.body.error.details)).toContain("defaultDepartmentId");

    const foreignTrade = await admin.post("/api/categories", {
      kind: "repair",
      code: "FOREIGN2",
      name: "外工种",
      defaultTradeId: t.world.b.catalogue.trades.get("LIFT"),
    });
    expect(foreignTrade.status).toBe(400);
    expect(JSON.stringify(foreignTrade.body.error.details)).toContain("defaultTradeId");

    const leak = await categoryByCode("WATER_LEAK");
    const foreignPatch = await admin.patch(`/api/categories/${leak?.id}`, {
      defaultDepartmentId: t.world.b.catalogue.departments.get("ENG"),
    });
    expect(foreignPatch.status).toBe(400);
    expect(await listCategories()).toEqual(before);
  });

  it("rejects malformed input with 400 and writes nothing", async () => {
    const before = await listCategories();
    for (const body of [
      { kind: "praise", code: "P1", name: "表扬信" },
      { kind: "repair", code: "P2", name: "急修", defaultUrgency: "asap" },
      { kind: "repair", code: "P3", name: "负排序", sortOrder: -1 },
      { kind: "repair", code: "P4", name: "坏编号", defaultDepartmentId: "eng" },
      { kind: "repair", code: "P5" },
    ]) {
      const response = await admin.post("/api/categories", body);
      expect(response.status).toBe(400);
      expect(response.body.error.code).toBe("VALIDATION_FAILED");
    }
    expect(await listCategories()).toEqual(before);
  });

  it("refuses a deactivated department or trade as the default (409 INACTIVE_REFERENCE)", async () => {
    const dept = await admin.post("/api/departments", { code: "OLD", name: "旧部门" });
    await admin.patch(`/api/departments/${dept.body.id}`, { active: false });
    const trade = await admin.post("/api/trades", { code: "OLDT", name: "旧工种" });
    await admin.patch(`/api/trades/${trade.body.id}`, { active: false });

    const withDepartment = await admin.post("/api/categories", {
      kind: "complaint",
      code: "STALE1",
      name: "停用部门",
      defaultDepartmentId: dept.body.id,
    });
    expect(withDepartment.status).toBe(409);
    expect(withDepartment.body.error).toMatchObject({
      code: "INACTIVE_REFERENCE",
      details: { field: "defaultDepartmentId" },
    });
    const leak = await categoryByCode("WATER_LEAK");
    const withTrade = await admin.patch(`/api/categories/${leak?.id}`, { defaultTradeId: trade.body.id });
    expect(withTrade.status).toBe(409);
    expect(withTrade.body.error.details).toEqual({ field: "defaultTradeId" });
    expect((await categoryByCode("WATER_LEAK"))?.id).toBe(leak?.id);
    expect(await listCategories("?kind=complaint")).not.toContainEqual(expect.objectContaining({ code: "STALE1" }));
  });

  it("keeps editing a category whose department was deactivated after it was chosen", async () => {
    const dept = await admin.post("/api/departments", { code: "GREEN", name: "绿化部" });
    const category = await admin.post("/api/categories", {
      kind: "complaint",
      code: "TREES",
      name: "树木修剪",
      defaultDepartmentId: dept.body.id,
    });
    await admin.patch(`/api/departments/${dept.body.id}`, { active: false });
    const renamed = await admin.patch(`/api/categories/${category.body.id}`, { name: "树木养护" });
    expect(renamed.status).toBe(200);
    expect(renamed.body).toMatchObject({ name: "树木养护", defaultDepartmentId: dept.body.id });
  });

  it("changes a category, keeps omitted fields and its kind, clears a default with null, audited", async () => {
    const lighting = await categoryByCode("LIGHTING");
    const changed = await admin.patch(`/api/categories/${lighting?.id}`, {
      name: "公共照明",
      defaultTradeId: null,
      kind: "complaint",
    });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({
      kind: "repair",
      code: "LIGHTING",
      name: "公共照明",
      defaultDepartmentName: "工程部",
      defaultTradeId: null,
      defaultTradeName: null,
      defaultUrgency: "low",
      sortOrder: lighting?.sortOrder,
    });
    const audit = await admin.get(`/api/audit?entityType=category&entityId=${lighting?.id}`);
    expect(audit.body.items[0]).toMatchObject({ action: "category.updated" });
    expect(audit.body.items[0].before.defaultTradeName).toBe("水电");
    expect(audit.body.items[0].after.defaultTradeName).toBeNull();
  });

  it("refuses a duplicate code or name within a kind (409 naming the field) and allows it in another kind", async () => {
    const sameCode = await admin.post("/api/categories", { kind: "repair", code: "POWER", name: "电力" });
    expect(sameCode.status).toBe(409);
    expect(sameCode.body.error).toMatchObject({ code: "DUPLICATE", details: { field: "code" } });
    const sameName = await admin.post("/api/categories", { kind: "repair", code: "POWER2", name: "停电跳闸" });
    expect(sameName.body.error.details).toEqual({ field: "name" });
    const otherKind = await admin.post("/api/categories", { kind: "complaint", code: "POWER", name: "停电跳闸" });
    expect(otherKind.status).toBe(201);
  });

  it("deletes an unused category, audited, and deactivates one instead on request", async () => {
    const created = await admin.post("/api/categories", { kind: "suggestion", code: "TEMP", name: "临时" });
    expect((await admin.delete(`/api/categories/${created.body.id}`)).status).toBe(204);
    expect(await listCategories("?kind=suggestion")).not.toContainEqual(expect.objectContaining({ code: "TEMP" }));
    const audit = await admin.get(`/api/audit?entityType=category&entityId=${created.body.id}`);
    expect(audit.body.items.at(-1)).toMatchObject({ action: "category.deleted" });

    const praise = (await listCategories("?kind=suggestion")).find((category) => category.code === "PRAISE");
    expect((await admin.patch(`/api/categories/${praise?.id}`, { active: false })).body.active).toBe(false);
    expect((await listCategories("?active=false")).map((category) => category.code)).toEqual(["PRAISE"]);
  });

  it("lets no one but the administrator change the categories", async () => {
    const noise = (await listCategories("?kind=complaint")).find((category) => category.code === "NOISE");
    for (const username of ["cshead", "csagent", "depthead", "qa", "mgmtrep", "res1"]) {
      const client = await t.as(username);
      for (const response of [
        await client.post("/api/categories", { kind: "complaint", code: "X1", name: "越权" }),
        await client.patch(`/api/categories/${noise?.id}`, { name: "越权" }),
        await client.delete(`/api/categories/${noise?.id}`),
      ]) {
        expect(response.status, username).toBe(403);
      }
    }
    expect((await listCategories("?kind=complaint")).find((category) => category.id === noise?.id)?.name).toBe(
      "噪音扰民",
    );
  });

  it("answers 404 to another organisation's administrator", async () => {
    const adminB = await t.as("adminb");
    const noise = (await listCategories("?kind=complaint")).find((category) => category.code === "NOISE");
    expect((await adminB.patch(`/api/categories/${noise?.id}`, { name: "跨租户" })).status).toBe(404);
    expect((await adminB.delete(`/api/categories/${noise?.id}`)).status).toBe(404);
    const bCodes = ((await adminB.get("/api/categories")).body.items as CategoryItem[]).map((category) => category.id);
    expect(bCodes).not.toContain(noise?.id);
  });
});
