/**
 * Reply letters may be PDFs as well as photos. A PDF is recognised by its bytes: the
 * `%PDF-` header at the start and an `%%EOF` marker near the end (a cut-off file has none).
 * It is served with its own type under the same sandbox as photos, never as a page.
 */
import path from "node:path";

export const PDF_CONTENT_TYPE = "application/pdf";
const HEADER = Buffer.from("%PDF-");
const TRAILER = Buffer.from("%%EOF");
/** Writers append whitespace or a little garbage after the last %%EOF; readers look this far back. */
const TRAILER_WINDOW = 1024;
const FILE_NAME_MAX = 100;

export type DocumentCheck = { ok: true } | { ok: false; reason: "unsupported" | "broken" };

export function checkPdf(bytes: Buffer): DocumentCheck {
  if (bytes.length < HEADER.length || !bytes.subarray(0, HEADER.length).equals(HEADER)) {
    return { ok: false, reason: "unsupported" };
  }
  const tail = bytes.subarray(Math.max(0, bytes.length - TRAILER_WINDOW));
  return tail.includes(TRAILER) ? { ok: true } : { ok: false, reason: "broken" };
}

/** A safe base name ending in .pdf (see sanitiseFileName for photos). */
export function sanitisePdfFileName(declared: string | undefined): string {
  const lastSegment = (declared ?? "").split(/[/\\]/).pop() ?? "";
  const cleaned = lastSegment
    .replace(/[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/gu, "")
    .trim()
    .replace(/^\.+/, "");
  const extension = path.extname(cleaned);
  const stem = (extension.toLowerCase() === ".pdf" ? cleaned.slice(0, -extension.length) : cleaned).trim() || "letter";
  return `${[...stem]
    .slice(0, FILE_NAME_MAX - 4)
    .join("")
    .trim()}.pdf`;
}
