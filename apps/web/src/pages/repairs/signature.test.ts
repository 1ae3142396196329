import { describe, expect, it } from "vitest";
import { addPoint, isSignatureEmpty, MIN_INK_PIXELS, toCanvasPoint, undoStroke } from "./signature";

/** An RGBA buffer of `pixels` pixels with the first `inked` of them opaque black. */
function buffer(pixels: number, inked: number): Uint8ClampedArray {
  const data = new Uint8ClampedArray(pixels * 4);
  for (let i = 0; i < inked; i++) data[i * 4 + 3] = 255;
  return data;
}

describe("the signature emptiness check", () => {
  it("finds a blank, transparent pad empty", () => {
    expect(isSignatureEmpty(buffer(300 * 150, 0))).toBe(true);
  });

  it("refuses a tap or a slip of a few pixels as a signature", () => {
    expect(isSignatureEmpty(buffer(300 * 150, MIN_INK_PIXELS - 1))).toBe(true);
  });

  it("accepts a stroke with enough ink", () => {
    expect(isSignatureEmpty(buffer(300 * 150, MIN_INK_PIXELS))).toBe(false);
  });

  it("counts faint antialiased pixels as ink, only alpha matters", () => {
    const data = new Uint8ClampedArray(100 * 4);
    for (let i = 0; i < 100; i++) data[i * 4 + 3] = 1;
    expect(isSignatureEmpty(data, 50)).toBe(false);
    // Colour without opacity is nothing on a transparent pad.
    const colourOnly = new Uint8ClampedArray(100 * 4).fill(255);
    for (let i = 0; i < 100; i++) colourOnly[i * 4 + 3] = 0;
    expect(isSignatureEmpty(colourOnly, 1)).toBe(true);
  });
});

describe("the signature strokes", () => {
  it("adds points to the last stroke and undoes whole strokes", () => {
    let strokes = addPoint([], { x: 1, y: 1 });
    strokes = addPoint(strokes, { x: 2, y: 2 });
    strokes = [...strokes, [{ x: 5, y: 5 }]];
    expect(strokes).toHaveLength(2);
    expect(strokes[0]).toHaveLength(2);
    expect(undoStroke(strokes)).toEqual([
      [
        { x: 1, y: 1 },
        { x: 2, y: 2 },
      ],
    ]);
    expect(undoStroke([])).toEqual([]);
  });

  it("maps a pointer on a CSS-scaled canvas to canvas pixels", () => {
    const point = toCanvasPoint(110, 60, { left: 10, top: 10, width: 200, height: 100 }, { width: 400, height: 200 });
    expect(point).toEqual({ x: 200, y: 100 });
  });
});
