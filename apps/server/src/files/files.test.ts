import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDatabases } from "../testing/databases.js";
import { type ApiClient, startTestApp, type TestApp } from "../testing/test-app.js";
import { findOwnUploads } from "./files.service.js";
import { jpegImage, pngImage, WEBP_LOSSLESS_1X1 } from "./test-images.js";

/** Posts a file as multipart/form-data, as a browser's file input does, with whatever name and type it claims. */
function upload(client: ApiClient, bytes: Buffer, fileName: string, type = "application/octet-stream", field = "file") {
  const form = new FormData();
  form.append(field, new Blob([new Uint8Array(bytes)], { type }), fileName);
  return client.request("POST", "/api/files", undefined, { rawBody: form });
}

async function fetchBytes(client: ApiClient, url: string) {
  const response = await fetch(client.baseUrl + url, { headers: client.cookie ? { cookie: client.cookie } : {} });
  return { status: response.status, headers: response.headers, bytes: Buffer.from(await response.arrayBuffer()) };
}

/** Every file under a folder, however deep. */
function filesUnder(folder: string): string[] {
  if (!fs.existsSync(folder)) return [];
  return fs.readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(folder, entry.name);
    return entry.isDirectory() ? filesUnder(full) : [full];
  });
}

describe.each(testDatabases())("photo uploads on %s", (kind) => {
  let t: TestApp;
  let clerk: ApiClient;
  let storeRoot: string;
  const uploadCount = async () => (await t.database.db.selectFrom("uploads").select("id").execute()).length;

  beforeAll(async () => {
    t = await startTestApp(kind);
    clerk = await t.as("csagent");
    storeRoot = path.join(t.dataDir, "files");
  });
  afterAll(async () => {
    await t?.close();
  });

  it("a clerk uploads a PNG and a JPEG: measured, typed by their bytes, and fetched back unchanged", async () => {
    const png = pngImage(64, 48);
    const created = await upload(clerk, png, "漏水.png", "image/png");
    expect(created.status).toBe(201);
    expect(created.body).toEqual({
      id: expect.any(String),
      fileName: "漏水.png",
      contentType: "image/png",
      size: png.length,
      width: 64,
      height: 48,
      url: `/api/files/${created.body.id}`,
    });
    const fetched = await fetchBytes(clerk, created.body.url);
    expect(fetched.status).toBe(200);
    expect(fetched.bytes.equals(png)).toBe(true);

    const jpeg = jpegImage(40, 30);
    // The declared type is wrong; the stored and served type is the one the bytes show.
    const jpegCreated = await upload(clerk, jpeg, "IMG_0001.JPG", "application/octet-stream");
    expect(jpegCreated.status).toBe(201);
    expect(jpegCreated.body).toMatchObject({ contentType: "image/jpeg", width: 40, height: 30, size: jpeg.length });
    const jpegFetched = await fetchBytes(clerk, jpegCreated.body.url);
    expect(jpegFetched.bytes.equals(jpeg)).toBe(true);
    expect(jpegFetched.headers.get("content-type")).toBe("image/jpeg");
  });

  it("serves a photo so that no browser can take it for a page", async () => {
    const created = await upload(clerk, WEBP_LOSSLESS_1X1, "它 (1).webp", "text/html");
    expect(created.body.contentType).toBe("image/webp");
    const { headers } = await fetchBytes(clerk, created.body.url);
    expect(headers.get("content-type")).toBe("image/webp");
    expect(headers.get("x-content-type-options")).toBe("nosniff");
    expect(headers.get("content-security-policy")).toBe("default-src 'none'; sandbox");
    expect(headers.get("cache-control")).toBe("private, max-age=31536000, immutable");
    expect(headers.get("content-disposition")).toBe("inline; filename*=UTF-8''%E5%AE%83%20%281%29.webp");
  });

  it("stores the same photo once, however many times it is uploaded", async () => {
    const png = pngImage(7, 7);
    const first = await upload(clerk, png, "a.png", "image/png");
    const filesAfterFirst = filesUnder(storeRoot);
    const second = await upload(clerk, png, "b.png", "image/png");
    expect(second.status).toBe(201);
    expect(second.body.id).not.toBe(first.body.id);
    expect(filesUnder(storeRoot)).toEqual(filesAfterFirst);
    const sha256 = (await import("node:crypto")).createHash("sha256").update(png).digest("hex");
    const stored = path.join(storeRoot, sha256.slice(0, 2), sha256.slice(2, 4), sha256);
    expect(fs.readFileSync(stored).equals(png)).toBe(true);
    // No temporary file is left beside it.
    expect(fs.readdirSync(path.dirname(stored))).toEqual([sha256]);
  });

  it("refuses an HTML page named photo.jpg and declared image/jpeg, writing nothing", async () => {
    const rowsBefore = await uploadCount();
    const filesBefore = filesUnder(storeRoot);
    const response = await upload(
      clerk,
      Buffer.from("<html><script>alert(1)</script></html>"),
      "photo.jpg",
      "image/jpeg",
    );
    expect(response.status).toBe(415);
    expect(response.body.error.code).toBe("UNSUPPORTED_MEDIA_TYPE");
    expect(await uploadCount()).toBe(rowsBefore);
    expect(filesUnder(storeRoot)).toEqual(filesBefore);
  });

  it("refuses an SVG, which can carry script", async () => {
    const svg = Buffer.from(
      '<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><rect width="1" height="1"/></svg>',
    );
    const response = await upload(clerk, svg, "plan.svg", "image/svg+xml");
    expect(response.status).toBe(415);
  });

  it("answers 400 for a PNG cut off in transit, and 400 for an empty file or a wrong field", async () => {
    const png = pngImage(100, 100);
    const truncated = await upload(clerk, png.subarray(0, png.length - 30), "cut.png", "image/png");
    expect(truncated.status).toBe(400);
    expect(truncated.body.error.details.issues[0].path).toBe("body/file");
    expect((await upload(clerk, Buffer.alloc(0), "empty.png", "image/png")).status).toBe(400);
    expect((await upload(clerk, png, "a.png", "image/png", "photo")).status).toBe(400);
  });

  it("answers 413 for a file over 10 MB and for a picture over 12000 px a side", async () => {
    const rowsBefore = await uploadCount();
    const huge = Buffer.concat([pngImage(10, 10), Buffer.alloc(10 * 1024 * 1024)]);
    const tooLarge = await upload(clerk, huge, "huge.png", "image/png");
    expect(tooLarge.status).toBe(413);
    expect(tooLarge.body.error.code).toBe("PAYLOAD_TOO_LARGE");
    const tooWide = await upload(clerk, pngImage(12001, 1), "panorama.png", "image/png");
    expect(tooWide.status).toBe(413);
    expect((await upload(clerk, pngImage(12000, 1), "panorama.png", "image/png")).status).toBe(201);
    expect(await uploadCount()).toBe(rowsBefore + 1);
  });

  it("keeps only a safe base name of the file name it was sent", async () => {
    const response = await upload(clerk, pngImage(2, 2), "../../etc/passwd.png", "image/png");
    expect(response.status).toBe(201);
    expect(response.body.fileName).toBe("passwd.png");
    const row = await t.database.db
      .selectFrom("uploads")
      .select("file_name")
      .where("id", "=", response.body.id)
      .executeTakeFirstOrThrow();
    expect(row.file_name).toBe("passwd.png");
    expect(fs.existsSync(path.join(t.dataDir, "etc"))).toBe(false);
  });

  it("shows a photo only to its uploader: a colleague, another organisation and a stranger get nothing", async () => {
    const created = await upload(clerk, pngImage(3, 3), "mine.png", "image/png");
    const colleague = await t.as("cshead");
    expect((await colleague.get(created.body.url)).status).toBe(404);
    const otherOrg = await t.as("adminb");
    expect((await otherOrg.get(created.body.url)).status).toBe(404);
    expect((await t.anonymous().get(created.body.url)).status).toBe(401);
    expect((await clerk.get("/api/files/0190c6a0-0000-7000-8000-000000000000")).status).toBe(404);
  });

  it("lets a resident upload a photo for their report, and refuses anyone not signed in", async () => {
    const resident = await t.as("res1");
    const response = await upload(resident, jpegImage(16, 16), "门锁.jpg", "image/jpeg");
    expect(response.status).toBe(201);
    expect((await fetchBytes(resident, response.body.url)).status).toBe(200);
    expect((await upload(t.anonymous(), jpegImage(8, 8), "x.jpg", "image/jpeg")).status).toBe(401);
  });

  it("lets only the uploader attach their uploads, in the order given", async () => {
    const first = await upload(clerk, pngImage(4, 4), "1.png", "image/png");
    const second = await upload(clerk, pngImage(5, 5), "2.png", "image/png");
    const resident = await t.as("res1");
    const theirs = await upload(resident, pngImage(6, 6), "3.png", "image/png");
    const a = t.world.a;
    const clerkActor = { orgId: a.orgId, userId: a.users.csagent as string };

    const rows = await findOwnUploads(t.database.db, clerkActor, [second.body.id, first.body.id]);
    expect(rows.map((row) => row.id)).toEqual([second.body.id, first.body.id]);
    expect(await findOwnUploads(t.database.db, clerkActor, [])).toEqual([]);

    const refused = async (ids: string[], actor = clerkActor) => {
      const error = await findOwnUploads(t.database.db, actor, ids).then(
        () => undefined,
        (thrown: unknown) => thrown,
      );
      expect(error).toMatchObject({ code: "VALIDATION_FAILED", status: 400 });
      return JSON.stringify((error as { details: unknown }).details);
    };
    expect(await refused([first.body.id, theirs.body.id])).toContain("body/photoIds/1");
    expect(await refused([first.body.id, first.body.id])).toContain("body/photoIds/1");
    expect(await refused(["0190c6a0-0000-7000-8000-000000000000"])).toContain("body/photoIds/0");
    // The same uploader id under another organisation does not reach it either.
    expect(await refused([first.body.id], { orgId: t.world.b.orgId, userId: clerkActor.userId })).toContain(
      "body/photoIds/0",
    );
  });
});
