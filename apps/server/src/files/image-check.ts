/**
 * What an uploaded file really is, judged by its bytes alone: the content type and file name
 * a browser declares are whatever the sender chose, so neither decides how the file is stored
 * or served. Only JPEG, PNG and WebP pass, and only when their headers can be read far enough
 * to measure the picture: an HTML page named photo.jpg, an SVG (which can carry script) or a
 * cut-off file never reach a browser as an image.
 */
import path from "node:path";
import { crc32 } from "node:zlib";
import type { UPLOAD_CONTENT_TYPES } from "@estate-desk/domain";

export type ImageType = (typeof UPLOAD_CONTENT_TYPES)[number];

export type ImageCheck =
  | { ok: true; contentType: ImageType; width: number; height: number }
  /** Not one of the accepted image formats at all. */
  | { ok: false; reason: "unsupported" }
  /** Starts like an accepted format but is cut off or malformed, so it cannot be measured. */
  | { ok: false; reason: "broken"; contentType: ImageType };

export function checkImage(bytes: Buffer): ImageCheck {
  const contentType = sniffImageType(bytes);
  if (!contentType) return { ok: false, reason: "unsupported" };
  const size = measure(contentType, bytes);
  if (!size || size.width < 1 || size.height < 1) return { ok: false, reason: "broken", contentType };
  return { ok: true, contentType, ...size };
}

/** The accepted format whose magic bytes the file starts with, if any. */
export function sniffImageType(bytes: Buffer): ImageType | undefined {
  if (startsWith(bytes, 0, JPEG_SOI)) return "image/jpeg";
  if (startsWith(bytes, 0, PNG_SIGNATURE)) return "image/png";
  if (startsWith(bytes, 0, RIFF) && startsWith(bytes, 8, WEBP)) return "image/webp";
  return undefined;
}

interface Size {
  width: number;
  height: number;
}

function measure(contentType: ImageType, bytes: Buffer): Size | undefined {
  switch (contentType) {
    case "image/jpeg":
      return measureJpeg(bytes);
    case "image/png":
      return measurePng(bytes);
    case "image/webp":
      return measureWebp(bytes);
  }
}

const JPEG_SOI = Buffer.from([0xff, 0xd8, 0xff]);
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const RIFF = Buffer.from("RIFF", "latin1");
const WEBP = Buffer.from("WEBP", "latin1");

function startsWith(bytes: Buffer, offset: number, prefix: Buffer): boolean {
  return bytes.length >= offset + prefix.length && bytes.subarray(offset, offset + prefix.length).equals(prefix);
}

/**
 * Walks the marker segments up to the start of the scan, taking the size from the frame
 * header (SOFn), then requires an end-of-image marker after the scan data: a truncated
 * upload has none.
 */
function measureJpeg(bytes: Buffer): Size | undefined {
  let offset = 2;
  let size: Size | undefined;
  while (offset < bytes.length) {
    if (bytes[offset] !== 0xff) return undefined;
    // Any number of 0xFF fill bytes may precede a marker.
    while (bytes[offset] === 0xff) offset++;
    const marker = bytes[offset];
    offset++;
    if (marker === undefined) return undefined;
    // Markers without a length: TEM and the restart markers.
    if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) continue;
    if (marker === 0xd8 || marker === 0xd9) return undefined; // a second SOI, or EOI before any scan
    if (offset + 2 > bytes.length) return undefined;
    const length = bytes.readUInt16BE(offset);
    if (length < 2 || offset + length > bytes.length) return undefined;
    if (isStartOfFrame(marker)) {
      if (length < 7) return undefined;
      size = { height: bytes.readUInt16BE(offset + 3), width: bytes.readUInt16BE(offset + 5) };
    }
    if (marker === 0xda) {
      if (!size) return undefined;
      const endOfImage = bytes.lastIndexOf(JPEG_EOI);
      return endOfImage >= offset + length ? size : undefined;
    }
    offset += length;
  }
  return undefined;
}

const JPEG_EOI = Buffer.from([0xff, 0xd9]);

/** SOF0–SOF15 except DHT (C4), JPG (C8) and DAC (CC), which share the range. */
function isStartOfFrame(marker: number): boolean {
  return marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;
}

/**
 * Reads the size from IHDR and walks every chunk to IEND checking its CRC, so that a PNG cut
 * short or damaged in transit is refused rather than stored as a half picture.
 */
function measurePng(bytes: Buffer): Size | undefined {
  let offset = PNG_SIGNATURE.length;
  let size: Size | undefined;
  let sawImageData = false;
  while (offset + 12 <= bytes.length) {
    const length = bytes.readUInt32BE(offset);
    const type = bytes.toString("latin1", offset + 4, offset + 8);
    const dataStart = offset + 8;
    const dataEnd = dataStart + length;
    if (dataEnd + 4 > bytes.length) return undefined;
    if (crc32(bytes.subarray(offset + 4, dataEnd)) !== bytes.readUInt32BE(dataEnd)) return undefined;
    if (size === undefined) {
      // IHDR must come first.
      if (type !== "IHDR" || length !== 13) return undefined;
      size = { width: bytes.readUInt32BE(dataStart), height: bytes.readUInt32BE(dataStart + 4) };
    } else if (type === "IDAT") {
      sawImageData = true;
    } else if (type === "IEND") {
      return sawImageData ? size : undefined;
    }
    offset = dataEnd + 4;
  }
  return undefined;
}

/**
 * The RIFF container must be complete; the size comes from the first chunk: a lossy (VP8),
 * lossless (VP8L) or extended (VP8X) header.
 */
function measureWebp(bytes: Buffer): Size | undefined {
  if (bytes.length < 30) return undefined;
  const riffEnd = 8 + bytes.readUInt32LE(4);
  if (riffEnd > bytes.length) return undefined;
  const chunk = bytes.toString("latin1", 12, 16);
  const chunkLength = bytes.readUInt32LE(16);
  const data = 20;
  if (data + chunkLength > riffEnd) return undefined;
  switch (chunk) {
    case "VP8 ": {
      // A key frame: 3-byte frame tag, start code 9D 01 2A, then 14-bit width and height.
      if (chunkLength < 10 || bytes[data + 3] !== 0x9d || bytes[data + 4] !== 0x01 || bytes[data + 5] !== 0x2a) {
        return undefined;
      }
      return { width: bytes.readUInt16LE(data + 6) & 0x3fff, height: bytes.readUInt16LE(data + 8) & 0x3fff };
    }
    case "VP8L": {
      // Signature 0x2F, then width − 1 and height − 1 in 14 bits each.
      if (chunkLength < 5 || bytes[data] !== 0x2f) return undefined;
      const bits = bytes.readUInt32LE(data + 1);
      return { width: (bits & 0x3fff) + 1, height: ((bits >>> 14) & 0x3fff) + 1 };
    }
    case "VP8X": {
      // Flags and reserved bytes, then canvas width − 1 and height − 1 in 24 bits each.
      if (chunkLength < 10) return undefined;
      return { width: bytes.readUIntLE(data + 4, 3) + 1, height: bytes.readUIntLE(data + 7, 3) + 1 };
    }
    default:
      return undefined;
  }
}

const FILE_NAME_MAX = 100;
const EXTENSIONS: Record<ImageType, readonly string[]> = {
  "image/jpeg": [".jpg", ".jpeg", ".jpe", ".jfif"],
  "image/png": [".png"],
  "image/webp": [".webp"],
};

/**
 * The name to keep for an upload: its last path segment only, without control or
 * format characters (a right-to-left override could disguise the extension), at most 100
 * characters, and ending in an extension of the type the bytes really are.
 */
export function sanitiseFileName(declared: string | undefined, contentType: ImageType): string {
  const extensions = EXTENSIONS[contentType];
  const lastSegment = (declared ?? "").split(/[/\\]/).pop() ?? "";
  const cleaned = lastSegment
    .replace(/[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/gu, "")
    .trim()
    // Leading dots would make a hidden file, or "..", of a downloaded copy.
    .replace(/^\.+/, "");
  const extension = path.extname(cleaned);
  const hasRightExtension = extensions.includes(extension.toLowerCase());
  const stem = (hasRightExtension ? cleaned.slice(0, -extension.length) : cleaned).trim() || "photo";
  const suffix = hasRightExtension ? extension : (extensions[0] ?? "");
  // Count code points, not UTF-16 units, so a Chinese name is not cut inside a character.
  const stemRoom = FILE_NAME_MAX - [...suffix].length;
  return [...stem].slice(0, stemRoom).join("").trim() + suffix;
}
