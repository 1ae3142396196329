/**
 * The signature pad's model, kept apart from the canvas so it can be tested in node: strokes
 * as point lists (undo drops the last one), and the emptiness check on the drawn pixels.
 */
export interface Point {
  x: number;
  y: number;
}
export type Stroke = readonly Point[];

/**
 * Fewer inked pixels than this is a tap or a slip, not a signature: the server would store
 * it as the customer's signature, so the pad refuses it.
 */
export const MIN_INK_PIXELS = 60;

/**
 * Whether an RGBA pixel buffer (canvas getImageData().data) holds no real signature: counts
 * the pixels with any opacity, since the pad draws on a transparent background.
 */
export function isSignatureEmpty(rgba: ArrayLike<number>, minInk = MIN_INK_PIXELS): boolean {
  let inked = 0;
  for (let alpha = 3; alpha < rgba.length; alpha += 4) {
    if ((rgba[alpha] ?? 0) > 0) {
      inked += 1;
      if (inked >= minInk) return false;
    }
  }
  return true;
}

export function addPoint(strokes: readonly Stroke[], point: Point): Stroke[] {
  const last = strokes.at(-1);
  if (last === undefined) return [[point]];
  return [...strokes.slice(0, -1), [...last, point]];
}

export function undoStroke(strokes: readonly Stroke[]): Stroke[] {
  return strokes.slice(0, -1);
}

/** A pointer position in canvas pixels, whatever size CSS gives the canvas on screen. */
export function toCanvasPoint(
  clientX: number,
  clientY: number,
  rect: { left: number; top: number; width: number; height: number },
  canvas: { width: number; height: number },
): Point {
  const scaleX = rect.width === 0 ? 1 : canvas.width / rect.width;
  const scaleY = rect.height === 0 ? 1 : canvas.height / rect.height;
  return { x: (clientX - rect.left) * scaleX, y: (clientY - rect.top) * scaleY };
}
