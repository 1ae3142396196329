import { MAX_UPLOAD_BYTES, UPLOAD_CONTENT_TYPES } from "@estate-desk/domain";

/**
 * Why a chosen file will not be accepted as a photo, checked before uploading so that a
 * resident on a slow connection does not send 12 MB only to be refused. The server checks
 * the bytes again; this only looks at what the browser reports.
 */
export function photoFileProblem(file: { type: string; size: number }): "type" | "size" | null {
  if (!UPLOAD_CONTENT_TYPES.some((type) => type === file.type)) return "type";
  if (file.size > MAX_UPLOAD_BYTES) return "size";
  return null;
}

/** How many more photos may be added, and which of the chosen files fit in. */
export function photosThatFit<T>(
  chosen: readonly T[],
  already: number,
  max: number,
): { accepted: T[]; dropped: number } {
  const room = Math.max(0, max - already);
  return { accepted: chosen.slice(0, room), dropped: Math.max(0, chosen.length - room) };
}
