import { describe, expect, it } from "vitest";
import { checkImage, sanitiseFileName } from "./image-check.js";
import { jpegImage, pngImage, WEBP_EXTENDED_1X1, WEBP_LOSSLESS_1X1, WEBP_LOSSY_1X1 } from "./test-images.js";

describe("checking an upload by its bytes", () => {
  it("measures a PNG from its header and accepts it only when every chunk is intact", () => {
    expect(checkImage(pngImage(640, 480))).toEqual({ ok: true, contentType: "image/png", width: 640, height: 480 });
  });

  it("measures a baseline JPEG from its frame header", () => {
    expect(checkImage(jpegImage(24, 17))).toEqual({ ok: true, contentType: "image/jpeg", width: 24, height: 17 });
  });

  it("measures lossy, lossless and extended WebP", () => {
    for (const webp of [WEBP_LOSSY_1X1, WEBP_LOSSLESS_1X1, WEBP_EXTENDED_1X1]) {
      expect(checkImage(webp)).toEqual({ ok: true, contentType: "image/webp", width: 1, height: 1 });
    }
  });

  it("refuses what is not a JPEG, PNG or WebP, whatever it is called", () => {
    const notImages = [
      "<!doctype html><script>alert(1)</script>",
      '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
      "%PDF-1.7\n",
      "GIF89a\x01\x00\x01\x00",
      "",
    ];
    for (const text of notImages)
      expect(checkImage(Buffer.from(text, "latin1"))).toEqual({ ok: false, reason: "unsupported" });
  });

  it("calls a file broken when it starts like an image but cannot be read to the end", () => {
    const png = pngImage(32, 32);
    const jpeg = jpegImage(32, 32);
    const damagedPng = Buffer.from(png);
    damagedPng[45] = (damagedPng[45] ?? 0) ^ 0xff; // inside IDAT: its CRC no longer matches
    const broken: [Buffer, string][] = [
      [png.subarray(0, png.length - 20), "image/png"], // cut off before IEND
      [png.subarray(0, 20), "image/png"], // cut off inside IHDR
      [damagedPng, "image/png"],
      [jpeg.subarray(0, jpeg.length - 2), "image/jpeg"], // no end-of-image marker
      [Buffer.concat([Buffer.from([0xff, 0xd8, 0xff]), Buffer.from("garbage that is not a segment")]), "image/jpeg"],
      [jpegImage(0, 16), "image/jpeg"], // no width
      [WEBP_LOSSY_1X1.subarray(0, WEBP_LOSSY_1X1.length - 4), "image/webp"],
      [Buffer.from("RIFF\x10\x00\x00\x00WEBPJUNK\x00\x00\x00\x00", "latin1"), "image/webp"],
    ];
    for (const [bytes, contentType] of broken) {
      expect(checkImage(bytes)).toEqual({ ok: false, reason: "broken", contentType });
    }
  });
});

describe("the file name kept for an upload", () => {
  it("keeps only the last path segment", () => {
    expect(sanitiseFileName("../../etc/passwd.png", "image/png")).toBe("passwd.png");
    expect(sanitiseFileName("C:\\Users\\张三\\漏水.JPG", "image/jpeg")).toBe("漏水.JPG");
  });

  it("drops control and direction-override characters and leading dots", () => {
    expect(sanitiseFileName("a\u0000b\r\n\u202Egnp.jpg", "image/jpeg")).toBe("abgnp.jpg");
    expect(sanitiseFileName("..", "image/png")).toBe("photo.png");
    expect(sanitiseFileName(".hidden.webp", "image/webp")).toBe("hidden.webp");
  });

  it("ends in an extension of the type the bytes really are", () => {
    expect(sanitiseFileName("photo.jpg", "image/png")).toBe("photo.jpg.png");
    expect(sanitiseFileName("photo.jpeg", "image/jpeg")).toBe("photo.jpeg");
    expect(sanitiseFileName(undefined, "image/webp")).toBe("photo.webp");
  });

  it("is at most 100 characters, counting a Chinese character as one", () => {
    const name = sanitiseFileName(`${"楼".repeat(150)}.png`, "image/png");
    expect([...name]).toHaveLength(100);
    expect(name.endsWith("楼.png")).toBe(true);
  });
});
