import { MAX_IMAGE_SIDE, UPLOAD_CONTENT_TYPES, type Upload } from "@estate-desk/domain";
import type { FastifyReply } from "fastify";
import type { Actor, RequestContext } from "../auth/actor.js";
import type { Db, DbOrTx } from "../db/database.js";
import { nowIso } from "../http/clock.js";
import { AppError, notFound } from "../http/errors.js";
import { newId } from "../http/ids.js";
import { checkPdf, PDF_CONTENT_TYPE, sanitisePdfFileName } from "./document-check.js";
import type { FileStore } from "./file-store.js";
import * as repo from "./files.repository.js";
import { checkImage, sanitiseFileName } from "./image-check.js";

export type { UploadRow } from "./files.repository.js";

/** A file as it arrived: its bytes and the name the sender gave it (not trusted). */
export interface IncomingFile {
  bytes: Buffer;
  fileName: string | undefined;
}

export function presentUpload(row: repo.UploadRow): Upload {
  return {
    id: row.id,
    fileName: row.file_name,
    contentType: row.content_type,
    size: row.size,
    width: row.width,
    height: row.height,
    url: `/api/files/${row.id}`,
  };
}

/**
 * Stores a photo: checked by its bytes first, so that nothing (no file, no row) is written
 * for a file that is not a measurable JPEG, PNG or WebP of acceptable size.
 */
export async function saveUpload(
  db: Db,
  store: FileStore,
  context: RequestContext,
  file: IncomingFile,
): Promise<Upload> {
  if (file.bytes.length === 0) throw fileIssue("the file is empty");
  const pdf = checkPdf(file.bytes);
  if (pdf.ok) return saveDocument(db, store, context, file);
  if (pdf.reason === "broken") throw fileIssue("the PDF is damaged or incomplete");
  const image = checkImage(file.bytes);
  if (!image.ok) {
    if (image.reason === "unsupported") {
      throw new AppError("UNSUPPORTED_MEDIA_TYPE", { accepted: UPLOAD_CONTENT_TYPES });
    }
    throw fileIssue(`the ${image.contentType} image is damaged or incomplete`);
  }
  // A small file can still decode into a huge bitmap (a decompression bomb) for whoever views it.
  if (image.width > MAX_IMAGE_SIDE || image.height > MAX_IMAGE_SIDE) {
    throw new AppError("PAYLOAD_TOO_LARGE", { maxSide: MAX_IMAGE_SIDE, width: image.width, height: image.height });
  }
  // Bytes before the row: a row never points at a missing file (an unreferenced file is harmless).
  const sha256 = await store.put(file.bytes);
  const row: repo.UploadRow = {
    id: newId(),
    org_id: context.actor.orgId,
    sha256,
    file_name: sanitiseFileName(file.fileName, image.contentType),
    content_type: image.contentType,
    size: file.bytes.length,
    width: image.width,
    height: image.height,
    uploaded_by: context.actor.userId,
    created_at: nowIso(),
  };
  await repo.insertUpload(db, row);
  return presentUpload(row);
}

/** A PDF (a reply letter, R-4.4.5): no pixel size; attached only where documents are expected. */
async function saveDocument(db: Db, store: FileStore, context: RequestContext, file: IncomingFile): Promise<Upload> {
  const sha256 = await store.put(file.bytes);
  const row: repo.UploadRow = {
    id: newId(),
    org_id: context.actor.orgId,
    sha256,
    file_name: sanitisePdfFileName(file.fileName),
    content_type: PDF_CONTENT_TYPE,
    size: file.bytes.length,
    width: null,
    height: null,
    uploaded_by: context.actor.userId,
    created_at: nowIso(),
  };
  await repo.insertUpload(db, row);
  return presentUpload(row);
}

function fileIssue(message: string): AppError {
  return new AppError("VALIDATION_FAILED", { issues: [{ path: "body/file", message }] });
}

/**
 * An upload its uploader fetches back. Anyone else, even in the same organisation, gets the
 * same 404 as for an id that does not exist: photos reach others only through the records
 * (cases) they are attached to, which check visibility themselves.
 */
export async function getOwnUpload(db: DbOrTx, actor: Actor, id: string): Promise<repo.UploadRow> {
  const row = await repo.findUpload(db, actor.orgId, id);
  if (!row || row.uploaded_by !== actor.userId) throw notFound("file");
  return row;
}

/**
 * The uploads named by `ids`, in that order, for attaching to a record the actor creates.
 * Only the uploader may attach an upload (a guessed id of someone else's photo must not
 * pull it into another case): an unknown id, another organisation's, another user's, or one
 * listed twice is a 400 naming the position in `photoIds`.
 */
export async function findOwnUploads(
  db: DbOrTx,
  actor: Pick<Actor, "orgId" | "userId">,
  ids: readonly string[],
): Promise<repo.UploadRow[]> {
  const rows = new Map((await repo.findUploadsBy(db, actor.orgId, actor.userId, ids)).map((row) => [row.id, row]));
  const seen = new Set<string>();
  return ids.map((id, index) => {
    const path = `body/photoIds/${index}`;
    const row = rows.get(id);
    if (!row) {
      throw new AppError("VALIDATION_FAILED", {
        issues: [{ path, message: "unknown upload, or not uploaded by you" }],
      });
    }
    // PDFs are letters (R-4.4.5), never photos of a case or a repair.
    if (row.content_type === PDF_CONTENT_TYPE) {
      throw new AppError("VALIDATION_FAILED", { issues: [{ path, message: "a document, not a photo" }] });
    }
    if (seen.has(id))
      throw new AppError("VALIDATION_FAILED", { issues: [{ path, message: "the photo is listed twice" }] });
    seen.add(id);
    return row;
  });
}

/**
 * Sends an upload's bytes as the type found in them. The headers keep a browser from ever
 * treating a photo as a page: no sniffing, and a sandbox with nothing allowed should the
 * file be opened directly. The bytes under an id never change, so it may be cached for good.
 */
export async function sendUpload(reply: FastifyReply, store: FileStore, upload: repo.UploadRow): Promise<FastifyReply> {
  const stream = await store.stream(upload.sha256);
  if (!stream) {
    reply.log.error({ uploadId: upload.id, sha256: upload.sha256 }, "upload missing from the file store");
    throw notFound("file");
  }
  return reply
    .type(upload.content_type)
    .header("content-length", upload.size)
    .header("content-disposition", `inline; filename*=UTF-8''${encodeRfc5987(upload.file_name)}`)
    .header("x-content-type-options", "nosniff")
    .header("content-security-policy", "default-src 'none'; sandbox")
    .header("cache-control", "private, max-age=31536000, immutable")
    .send(stream);
}

/** Percent-encodes a header parameter value (RFC 5987): encodeURIComponent leaves ' ( ) * as they are. */
function encodeRfc5987(value: string): string {
  return encodeURIComponent(value).replace(
    /['()*]/g,
    (character) => `%${character.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}
