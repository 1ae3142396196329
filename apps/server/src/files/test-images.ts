/**
 * Small, valid images built in code for the tests, so no binary fixtures live in the repository.
 */
import { crc32, deflateSync } from "node:zlib";

/** A grey RGB PNG of the given size: signature, IHDR, one IDAT, IEND, each with its CRC. */
export function pngImage(width: number, height: number): Buffer {
  const row = Buffer.concat([Buffer.from([0]), Buffer.alloc(width * 3, 0x80)]); // filter byte 0, then pixels
  const pixels = Buffer.concat(Array.from({ length: height }, () => row));
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8); // 8-bit, truecolour, deflate, adaptive filtering, no interlace
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk("IHDR", header),
    pngChunk("IDAT", deflateSync(pixels)),
    pngChunk("IEND", Buffer.alloc(0)),
  ]);
}

function pngChunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const typeAndData = Buffer.concat([Buffer.from(type, "latin1"), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(typeAndData));
  return Buffer.concat([length, typeAndData, crc]);
}

/**
 * A mid-grey baseline JPEG of the given size: one component, a flat quantisation table and
 * Huffman tables with a single one-bit code each, so every 8×8 block is "DC unchanged, end
 * of block" — two zero bits — and the scan is those bits padded with ones.
 */
export function jpegImage(width: number, height: number): Buffer {
  const segment = (marker: number, data: number[]) => [
    0xff,
    marker,
    (data.length + 2) >> 8,
    (data.length + 2) & 0xff,
    ...data,
  ];
  const blocks = Math.ceil(width / 8) * Math.ceil(height / 8);
  const scanBits = "00".repeat(blocks).padEnd(Math.ceil((blocks * 2) / 8) * 8, "1");
  const scan: number[] = [];
  for (let i = 0; i < scanBits.length; i += 8) {
    const byte = Number.parseInt(scanBits.slice(i, i + 8), 2);
    scan.push(byte);
    if (byte === 0xff) scan.push(0x00); // byte stuffing
  }
  const oneCodeTable = [1, ...new Array<number>(15).fill(0), 0x00]; // one code of length 1, for symbol 0
  return Buffer.from([
    0xff,
    0xd8,
    ...segment(0xdb, [0x00, ...new Array<number>(64).fill(1)]),
    ...segment(0xc0, [8, height >> 8, height & 0xff, width >> 8, width & 0xff, 1, 1, 0x11, 0]),
    ...segment(0xc4, [0x00, ...oneCodeTable]),
    ...segment(0xc4, [0x10, ...oneCodeTable]),
    ...segment(0xda, [1, 1, 0x00, 0, 63, 0]),
    ...scan,
    0xff,
    0xd9,
  ]);
}

/** Well-known 1×1 WebP images (lossy VP8, lossless VP8L, extended VP8X with alpha). */
export const WEBP_LOSSY_1X1 = Buffer.from("UklGRiIAAABXRUJQVlA4IBYAAAAwAQCdASoBAAEADsD+JaQAA3AAAAAA", "base64");
export const WEBP_LOSSLESS_1X1 = Buffer.from("UklGRhoAAABXRUJQVlA4TA0AAAAvAAAAEAcQERGIiP4HAA==", "base64");
export const WEBP_EXTENDED_1X1 = Buffer.from(
  "UklGRkoAAABXRUJQVlA4WAoAAAAQAAAAAAAAAAAAQUxQSAwAAAARBxAR/Q9ERP8DAABWUDggGAAAABQBAJ0BKgEAAQAAAP4AAA3AAP7mtQAAAA==",
  "base64",
);
