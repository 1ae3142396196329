import { z } from "zod";

/** The image formats a photo may be in, judged by its bytes (the declared type is not trusted). */
export const UPLOAD_CONTENT_TYPES = ["image/jpeg", "image/png", "image/webp"] as const;
/** Largest photo accepted, in bytes (10 MB). */
export const MAX_UPLOAD_BYTES = 10 * 1024 * 1024;
/** Longest side of a photo accepted, in pixels: bigger ones would exhaust a browser decoding them. */
export const MAX_IMAGE_SIDE = 12000;

/** A stored upload (a photo), as returned by POST /api/files. */
export const uploadSchema = z.object({
  id: z.string(),
  /** The sender's file name, reduced to a safe base name ending in the real type's extension. */
  fileName: z.string(),
  /** The type found in the bytes, which is also the type the file is served with. */
  contentType: z.string(),
  size: z.number().int(),
  width: z.number().int().nullable(),
  height: z.number().int().nullable(),
  /** Where the uploader can fetch it: /api/files/<id>. */
  url: z.string(),
});
export type Upload = z.infer<typeof uploadSchema>;
