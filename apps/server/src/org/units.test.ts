import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDatabases } from "../testing/databases.js";
import { type ApiClient, startTestApp, type TestApp } from "../testing/test-app.js";

async function workbookOf(rows: ExcelJS.CellValue[][]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const worksheet = workbook.addWorksheet("units");
  for (const row of rows) worksheet.addRow(row);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** Posts a file as multipart/form-data, as a browser's file input does. */
function upload(client: ApiClient, path: string, file: Buffer, field = "file") {
  const form = new FormData();
  form.append(field, new Blob([new Uint8Array(file)]), "units.xlsx");
  return client.request("POST", path, undefined, { rawBody: form });
}

const HEADER = ["楼栋", "房号", "楼层", "面积(㎡)"];

describe.each(testDatabases())("units (房号) on %s", (kind) => {
  let t: TestApp;
  let e1: string;
  let e2: string;
  let building1: string;
  beforeAll(async () => {
    t = await startTestApp(kind);
    e1 = t.world.a.estates.E1 as string;
    e2 = t.world.a.estates.E2 as string;
    building1 = t.world.a.buildings.E1 as string;
  });
  afterAll(async () => {
    await t.close();
  });

  const countOf = async (table: "units" | "buildings" | "audit_log") =>
    Number(
      (
        await t.database.db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll().as("n"))
          .executeTakeFirstOrThrow()
      ).n,
    );

  describe("reading", () => {
    it("lists units with estate, building and label, by building then number", async () => {
      const admin = await t.as("admin");
      const response = await admin.get(`/api/units?estateId=${e1}`);
      expect(response.status).toBe(200);
      expect(response.body.nextCursor).toBeNull();
      expect(response.body.items).toEqual([
        expect.objectContaining({
          id: t.world.a.units["E1-1-101"],
          estateId: e1,
          estateName: "E1 花园",
          buildingId: building1,
          buildingName: "1栋",
          number: "1-101",
          label: "1栋 1-101",
          floor: 1,
          areaSquareMetres: 90,
          active: true,
        }),
        expect.objectContaining({ number: "1-102" }),
      ]);
    });

    it("filters by building and by unit number, and pages with a cursor without repeating a unit", async () => {
      const admin = await t.as("admin");
      const byBuilding = await admin.get(`/api/units?buildingId=${t.world.a.buildings.E2}`);
      expect(byBuilding.body.items.map((unit: { estateId: string }) => unit.estateId)).toEqual([e2, e2]);
      const byNumber = await admin.get(`/api/units?estateId=${e1}&q=102`);
      expect(byNumber.body.items.map((unit: { number: string }) => unit.number)).toEqual(["1-102"]);

      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const query: string = cursor ? `&cursor=${cursor}` : "";
        const page = await admin.get(`/api/units?limit=1${query}`);
        expect(page.status).toBe(200);
        seen.push(...page.body.items.map((unit: { id: string }) => unit.id));
        cursor = page.body.nextCursor;
      } while (cursor);
      const all = await admin.get("/api/units?limit=200");
      expect(seen).toEqual(all.body.items.map((unit: { id: string }) => unit.id));
      expect(new Set(seen).size).toBe(seen.length);
      expect((await admin.get("/api/units?cursor=garbage")).body.error.code).toBe("BAD_CURSOR");
    });

    it("shows a unit with the residents living in it", async () => {
      const admin = await t.as("admin");
      const response = await admin.get(`/api/units/${t.world.a.units["E1-1-101"]}`);
      expect(response.status).toBe(200);
      expect(response.body).toMatchObject({ label: "1栋 1-101" });
      expect(response.body.residents).toEqual([
        { residentId: t.world.a.residents.res1, name: "住户res1", phone: "13900001001", relation: "owner" },
      ]);
    });

    it("shows staff limited to E1 only E1's units, and hides org A's units from org B (R-3.0)", async () => {
      const csagent = await t.as("csagent");
      const list = await csagent.get("/api/units?limit=200");
      expect(list.body.items.length).toBeGreaterThan(0);
      expect(list.body.items.every((unit: { estateId: string }) => unit.estateId === e1)).toBe(true);
      expect((await csagent.get(`/api/units?estateId=${e2}`)).status).toBe(404);
      expect((await csagent.get(`/api/units/${t.world.a.units["E2-1-101"]}`)).status).toBe(404);

      const adminb = await t.as("adminb");
      expect((await adminb.get(`/api/units/${t.world.a.units["E1-1-101"]}`)).status).toBe(404);
      const bList = await adminb.get("/api/units");
      expect(bList.body.items.map((unit: { id: string }) => unit.id)).not.toContain(t.world.a.units["E1-1-101"]);
      expect((await (await t.as("res1")).get("/api/units")).status).toBe(403);
    });
  });

  describe("writing", () => {
    it("lets the administrator add a unit, audited", async () => {
      const admin = await t.as("admin");
      const created = await admin.post("/api/units", {
        buildingId: building1,
        number: " 1-201 ",
        floor: 2,
        areaSquareMetres: 88.5,
      });
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({
        estateId: e1,
        buildingId: building1,
        number: "1-201",
        label: "1栋 1-201",
        floor: 2,
        areaSquareMetres: 88.5,
        active: true,
      });
      const audit = await admin.get(`/api/audit?entityType=unit&entityId=${created.body.id}`);
      expect(audit.body.items).toEqual([
        expect.objectContaining({ action: "unit.created", after: expect.objectContaining({ label: "1栋 1-201" }) }),
      ]);
    });

    it("rejects an empty number, a fractional floor and a negative area, writing nothing", async () => {
      const admin = await t.as("admin");
      const before = await countOf("units");
      const response = await admin.post("/api/units", {
        buildingId: building1,
        number: "",
        floor: 1.5,
        areaSquareMetres: -1,
      });
      expect(response.status).toBe(400);
      const paths = response.body.error.details.issues.map((issue: { path: string }) => issue.path);
      expect(paths).toEqual(expect.arrayContaining(["body/number", "body/floor", "body/areaSquareMetres"]));
      expect(await countOf("units")).toBe(before);
    });

    it("never links a unit to another organisation's building", async () => {
      const admin = await t.as("admin");
      const before = await countOf("units");
      const response = await admin.post("/api/units", { buildingId: t.world.b.buildings.EB, number: "X-1" });
      expect(response.status).toBe(400);
      expect(response.body.error).toMatchObject({
        code: "VALIDATION_FAILED",
        details: { issues: [expect.objectContaining({ path: "body/buildingId" })] },
      });
      expect(await countOf("units")).toBe(before);
    });

    it("refuses a second unit with the same number in one building, and a unit in a deactivated building", async () => {
      const admin = await t.as("admin");
      const duplicate = await admin.post("/api/units", { buildingId: building1, number: "1-101" });
      expect(duplicate.status).toBe(409);
      expect(duplicate.body.error).toMatchObject({ code: "DUPLICATE", details: { field: "number" } });

      const closed = await admin.post(`/api/estates/${e1}/buildings`, { name: "封存楼" });
      await admin.patch(`/api/buildings/${closed.body.id}`, { active: false });
      const inactive = await admin.post("/api/units", { buildingId: closed.body.id, number: "1" });
      expect(inactive.status).toBe(409);
      expect(inactive.body.error.code).toBe("INACTIVE_REFERENCE");
    });

    it("lets only estate managers add, change and delete units", async () => {
      const before = await countOf("units");
      const unitId = t.world.a.units["E1-1-102"] as string;
      for (const username of ["csagent", "cshead", "res1"]) {
        const client = await t.as(username);
        expect((await client.post("/api/units", { buildingId: building1, number: "9-9" })).status, username).toBe(403);
        expect((await client.patch(`/api/units/${unitId}`, { floor: 9 })).status, username).toBe(403);
        expect((await client.delete(`/api/units/${unitId}`)).status, username).toBe(403);
      }
      const adminb = await t.as("adminb");
      expect((await adminb.patch(`/api/units/${unitId}`, { floor: 9 })).status).toBe(404);
      expect((await adminb.delete(`/api/units/${unitId}`)).status).toBe(404);
      expect(await countOf("units")).toBe(before);
      expect((await (await t.as("admin")).get(`/api/units/${unitId}`)).body.floor).toBe(1);
    });

    it("changes a unit, clears its floor with null, deactivates it, and audits before and after", async () => {
      const admin = await t.as("admin");
      const created = await admin.post("/api/units", { buildingId: building1, number: "1-301", floor: 3 });
      const changed = await admin.patch(`/api/units/${created.body.id}`, { number: "1-302", floor: null });
      expect(changed.status).toBe(200);
      expect(changed.body).toMatchObject({ number: "1-302", label: "1栋 1-302", floor: null, active: true });
      const deactivated = await admin.patch(`/api/units/${created.body.id}`, { active: false });
      expect(deactivated.body).toMatchObject({ number: "1-302", active: false });
      const active = await admin.get(`/api/units?estateId=${e1}&active=true&limit=200`);
      expect(active.body.items.map((unit: { id: string }) => unit.id)).not.toContain(created.body.id);

      const taken = await admin.patch(`/api/units/${created.body.id}`, { number: "1-101" });
      expect(taken.status).toBe(409);

      const audit = await admin.get(`/api/audit?entityType=unit&entityId=${created.body.id}`);
      expect(audit.body.items[1]).toMatchObject({
        action: "unit.updated",
        before: { number: "1-301", floor: 3 },
        after: { number: "1-302", floor: null },
      });
    });

    it("deletes a unit nothing refers to, and answers 409 IN_USE for a unit with residents", async () => {
      const admin = await t.as("admin");
      const inUse = await admin.delete(`/api/units/${t.world.a.units["E1-1-101"]}`);
      expect(inUse.status).toBe(409);
      expect(inUse.body.error.code).toBe("IN_USE");
      expect((await admin.get(`/api/units/${t.world.a.units["E1-1-101"]}`)).status).toBe(200);

      const created = await admin.post("/api/units", { buildingId: building1, number: "1-999" });
      expect((await admin.delete(`/api/units/${created.body.id}`)).status).toBe(204);
      expect((await admin.get(`/api/units/${created.body.id}`)).status).toBe(404);
      const audit = await admin.get(`/api/audit?entityType=unit&entityId=${created.body.id}`);
      expect(audit.body.items.at(-1)).toMatchObject({ action: "unit.deleted", before: { number: "1-999" } });
    });
  });

  describe("ordering", () => {
    it("sorts unit numbers as people read them: 1-99, 1-101, 1-1001 (not as text)", async () => {
      const admin = await t.as("admin");
      const estate = await admin.post("/api/estates", {
        code: "SORT",
        name: "排序小区",
        complaintHotline: "0571-88001001",
        repairHotline: "0571-88001002",
        receptionAddress: "物业中心",
      });
      const building = await admin.post(`/api/estates/${estate.body.id}/buildings`, { name: "1栋" });
      expect(building.status).toBe(201);
      for (const number of ["1-1001", "1-101", "1-99", "2-5"]) {
        expect((await admin.post("/api/units", { buildingId: building.body.id, number })).status).toBe(201);
      }
      const listed = await admin.get(`/api/units?buildingId=${building.body.id}&limit=2`);
      const next = await admin.get(
        `/api/units?buildingId=${building.body.id}&limit=2&cursor=${listed.body.nextCursor}`,
      );
      const numbers = [...listed.body.items, ...next.body.items].map((u: { number: string }) => u.number);
      expect(numbers).toEqual(["1-99", "1-101", "1-1001", "2-5"]);
    });
  });

  describe("spreadsheet import", () => {
    it("hands out a template with the header row and two example rows", async () => {
      const admin = await t.as("admin");
      const response = await fetch(`${t.baseUrl}/api/units/import-template`, {
        headers: { cookie: admin.cookie ?? "" },
      });
      expect(response.status).toBe(200);
      expect(response.headers.get("content-type")).toContain("spreadsheetml.sheet");
      expect(response.headers.get("content-disposition")).toContain("attachment");
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(await response.arrayBuffer());
      const sheet = workbook.worksheets[0];
      expect(sheet?.getRow(1).values).toEqual([undefined, ...HEADER]);
      expect(sheet?.rowCount).toBe(3);
      expect((await (await t.as("csagent")).get("/api/units/import-template")).status).toBe(403);
    });

    it("imports a clean sheet: creates missing buildings and their units, with one audit entry per building and a summary", async () => {
      const admin = await t.as("admin");
      const file = await workbookOf([
        HEADER,
        ["3栋", "3-101", 1, 95],
        ["3栋", "3-102", 1, 95.5],
        ["1栋", "1-501", 5, null],
        ["4栋", "4-101", null, null],
      ]);
      const response = await upload(admin, `/api/estates/${e2}/units/import?dryRun=false`, file);
      expect(response.status).toBe(200);
      expect(response.body).toEqual({
        dryRun: false,
        rowCount: 4,
        buildingsCreated: ["3栋", "4栋"],
        unitsCreated: 4,
        unitsSkipped: 0,
      });

      const buildings = await admin.get(`/api/estates/${e2}/buildings`);
      expect(buildings.body.items.map((b: { name: string; unitCount: number }) => [b.name, b.unitCount])).toEqual([
        ["1栋", 3],
        ["3栋", 2],
        ["4栋", 1],
      ]);
      const units = await admin.get(`/api/units?estateId=${e2}&q=3-10`);
      expect(units.body.items).toEqual([
        expect.objectContaining({ label: "3栋 3-101", floor: 1, areaSquareMetres: 95 }),
        expect.objectContaining({ label: "3栋 3-102", floor: 1, areaSquareMetres: 95.5 }),
      ]);

      const building3 = buildings.body.items.find((b: { name: string }) => b.name === "3栋");
      const buildingAudit = await admin.get(`/api/audit?entityType=building&entityId=${building3.id}`);
      expect(buildingAudit.body.items).toEqual([
        expect.objectContaining({ action: "building.created", after: expect.objectContaining({ name: "3栋" }) }),
      ]);
      const estateAudit = await admin.get(`/api/audit?entityType=estate&entityId=${e2}`);
      expect(estateAudit.body.items.filter((entry: { action: string }) => entry.action === "units.imported")).toEqual([
        expect.objectContaining({
          after: { rowCount: 4, buildingsCreated: ["3栋", "4栋"], unitsCreated: 4, unitsSkipped: 0 },
        }),
      ]);
    });

    it("skips units that exist already when a sheet is imported again", async () => {
      const admin = await t.as("admin");
      const file = await workbookOf([
        HEADER,
        ["3栋", "3-101", 1, 95],
        ["3栋", "3-103", 1, 95],
        ["1栋", "1-101", 1, 90],
      ]);
      const response = await upload(admin, `/api/estates/${e2}/units/import?dryRun=false`, file);
      expect(response.status).toBe(200);
      expect(response.body).toMatchObject({ rowCount: 3, buildingsCreated: [], unitsCreated: 1, unitsSkipped: 2 });
    });

    it("on a dry run reports what would happen and writes nothing", async () => {
      const admin = await t.as("admin");
      const before = {
        units: await countOf("units"),
        buildings: await countOf("buildings"),
        audit: await countOf("audit_log"),
      };
      const file = await workbookOf([HEADER, ["6栋", "6-101", 1, 80], ["1栋", "1-102", 1, 90]]);
      const response = await upload(admin, `/api/estates/${e1}/units/import?dryRun=true`, file);
      expect(response.status).toBe(200);
      expect(response.body).toEqual({
        dryRun: true,
        rowCount: 2,
        buildingsCreated: ["6栋"],
        unitsCreated: 1,
        unitsSkipped: 1,
      });
      expect({
        units: await countOf("units"),
        buildings: await countOf("buildings"),
        audit: await countOf("audit_log"),
      }).toEqual(before);
    });

    it("imports nothing when one row is wrong, and names the row and column (422)", async () => {
      const admin = await t.as("admin");
      const before = { units: await countOf("units"), buildings: await countOf("buildings") };
      const file = await workbookOf([
        HEADER,
        ["7栋", "7-101", 1, 80],
        ["7栋", "7-102", "二楼", 80],
        ["7栋", "7-103", 1, 80],
      ]);
      for (const dryRun of ["false", "true"]) {
        const response = await upload(admin, `/api/estates/${e1}/units/import?dryRun=${dryRun}`, file);
        expect(response.status).toBe(422);
        expect(response.body.error).toMatchObject({
          code: "IMPORT_INVALID",
          message: "导入文件有错误，未导入任何数据",
          details: {
            errors: [{ row: 3, column: "楼层", message: "楼层必须是数字", messageEn: "Floor must be a number" }],
          },
        });
      }
      expect({ units: await countOf("units"), buildings: await countOf("buildings") }).toEqual(before);
    });

    it("reports every kind of bad row at once: missing cell, duplicate, over-long value, non-numeric area", async () => {
      const admin = await t.as("admin");
      const before = await countOf("units");
      const file = await workbookOf([
        HEADER,
        ["8栋", "8-101", 1, 80],
        ["8栋", null, 1, 80],
        ["8栋", "8-101", 1, 80],
        ["8栋", "8".repeat(40), 1, 80],
        ["8栋", "8-104", 1, "很大"],
      ]);
      const response = await upload(admin, `/api/estates/${e1}/units/import?dryRun=false`, file);
      expect(response.status).toBe(422);
      expect(response.body.error.details.errors.map((e: { row: number; column: string }) => [e.row, e.column])).toEqual(
        [
          [3, "房号"],
          [4, "房号"],
          [5, "房号"],
          [6, "面积(㎡)"],
        ],
      );
      expect(response.body.error.details.errors[1].messageEn).toBe("Duplicates row 2 (same building and unit number)");
      expect(await countOf("units")).toBe(before);
    });

    it("accepts English headers", async () => {
      const admin = await t.as("admin");
      const file = await workbookOf([
        ["Building", "Unit", "Floor", "Area"],
        ["1栋", "1-601", 6, 100],
      ]);
      const response = await upload(admin, `/api/estates/${e1}/units/import?dryRun=true`, file);
      expect(response.status).toBe(200);
      expect(response.body).toMatchObject({ rowCount: 1, unitsCreated: 1 });
    });

    it("refuses an empty sheet (422), a file that is not .xlsx (415), a missing file (400) and a file over 5 MB (413)", async () => {
      const admin = await t.as("admin");
      const before = await countOf("units");
      const path = `/api/estates/${e1}/units/import?dryRun=false`;

      const empty = await upload(admin, path, await workbookOf([HEADER]));
      expect(empty.status).toBe(422);
      expect(empty.body.error.details.errors[0]).toMatchObject({ row: 2, messageEn: "The sheet has no data rows" });

      const csv = await upload(admin, path, Buffer.from("楼栋,房号\n1栋,1-701\n"));
      expect(csv.status).toBe(415);
      expect(csv.body.error.code).toBe("UNSUPPORTED_MEDIA_TYPE");
      const json = await admin.post(path, { file: "1栋,1-701" });
      expect(json.status).toBe(415);

      const misnamed = await upload(admin, path, await workbookOf([HEADER, ["1栋", "1-701"]]), "upload");
      expect(misnamed.status).toBe(400);
      expect(misnamed.body.error.code).toBe("VALIDATION_FAILED");

      // Uploads up to 5 MB pass the app's 1 MB JSON body limit and reach the xlsx check.
      const large = await upload(admin, path, Buffer.alloc(3 * 1024 * 1024, 0x50));
      expect(large.status).toBe(415);
      const huge = await upload(admin, path, Buffer.alloc(5 * 1024 * 1024 + 1, 0x50));
      expect(huge.status).toBe(413);
      expect(huge.body.error.code).toBe("PAYLOAD_TOO_LARGE");
      expect(await countOf("units")).toBe(before);
    });

    it("lets only estate managers import, and only into estates of their organisation", async () => {
      const file = await workbookOf([HEADER, ["1栋", "1-801", 8, 90]]);
      const before = await countOf("units");
      for (const username of ["csagent", "cshead", "res1"]) {
        const response = await upload(await t.as(username), `/api/estates/${e1}/units/import?dryRun=false`, file);
        expect(response.status, username).toBe(403);
      }
      const adminb = await t.as("adminb");
      expect((await upload(adminb, `/api/estates/${e1}/units/import?dryRun=false`, file)).status).toBe(404);
      expect(await countOf("units")).toBe(before);
    });
  });
});
