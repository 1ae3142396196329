import { ClearOutlined, UndoOutlined } from "@ant-design/icons";
import { Button, Space } from "antd";
import { forwardRef, type PointerEvent, useCallback, useEffect, useImperativeHandle, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { addPoint, isSignatureEmpty, type Stroke, toCanvasPoint, undoStroke } from "./signature";

export interface SignaturePadHandle {
  /** The drawn signature as a PNG, or null when the pad holds no real signature. */
  toPng(): Promise<Blob | null>;
}

/** Canvas pixels: twice a phone's CSS width, so the stored image stays sharp on paper. */
const CANVAS_WIDTH = 720;
const CANVAS_HEIGHT = 320;
const LINE_WIDTH = 6;

function paint(canvas: HTMLCanvasElement, strokes: readonly Stroke[]): void {
  const context = canvas.getContext("2d");
  if (!context) return;
  // Transparent background: the emptiness check counts opaque pixels only.
  context.clearRect(0, 0, canvas.width, canvas.height);
  context.strokeStyle = "#111";
  context.fillStyle = "#111";
  context.lineWidth = LINE_WIDTH;
  context.lineCap = "round";
  context.lineJoin = "round";
  for (const stroke of strokes) {
    const [first, ...rest] = stroke;
    if (first === undefined) continue;
    context.beginPath();
    if (rest.length === 0) {
      context.arc(first.x, first.y, LINE_WIDTH / 2, 0, Math.PI * 2);
      context.fill();
      continue;
    }
    context.moveTo(first.x, first.y);
    for (const point of rest) context.lineTo(point.x, point.y);
    context.stroke();
  }
}

/**
 * The customer signs with a finger (or a mouse) on the worker's phone or in the portal. Pointer
 * events cover touch, pen and mouse alike; `touch-action: none` keeps the page from scrolling
 * while signing. Strokes are kept so the last one can be undone.
 */
export const SignaturePad = forwardRef<SignaturePadHandle, { onChange?: (hasInk: boolean) => void }>(
  function SignaturePad({ onChange }, ref) {
    const { t } = useTranslation();
    const canvasRef = useRef<HTMLCanvasElement>(null);
    const [strokes, setStrokes] = useState<Stroke[]>([]);
    const drawing = useRef(false);
    // Kept in a ref so a parent's new callback on each render does not count as a new stroke.
    const onChangeRef = useRef(onChange);
    onChangeRef.current = onChange;

    useEffect(() => {
      if (canvasRef.current) paint(canvasRef.current, strokes);
      onChangeRef.current?.(strokes.length > 0);
    }, [strokes]);

    const pointOf = useCallback((event: PointerEvent<HTMLCanvasElement>) => {
      const canvas = event.currentTarget;
      return toCanvasPoint(event.clientX, event.clientY, canvas.getBoundingClientRect(), canvas);
    }, []);

    useImperativeHandle(ref, () => ({
      toPng: async () => {
        const canvas = canvasRef.current;
        const context = canvas?.getContext("2d");
        if (!canvas || !context) return null;
        if (isSignatureEmpty(context.getImageData(0, 0, canvas.width, canvas.height).data)) return null;
        return new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, "image/png"));
      },
    }));

    return (
      <div className="signature-pad">
        <canvas
          ref={canvasRef}
          width={CANVAS_WIDTH}
          height={CANVAS_HEIGHT}
          className="signature-canvas"
          role="img"
          aria-label={t("workOrder.evaluation.padLabel")}
          onPointerDown={(event) => {
            event.preventDefault();
            event.currentTarget.setPointerCapture(event.pointerId);
            drawing.current = true;
            const point = pointOf(event);
            setStrokes((current) => [...current, [point]]);
          }}
          onPointerMove={(event) => {
            if (!drawing.current) return;
            const point = pointOf(event);
            setStrokes((current) => addPoint(current, point));
          }}
          onPointerUp={() => {
            drawing.current = false;
          }}
          onPointerCancel={() => {
            drawing.current = false;
          }}
        />
        <Space className="signature-tools">
          <Button
            icon={<UndoOutlined />}
            disabled={strokes.length === 0}
            onClick={() => setStrokes((current) => undoStroke(current))}
          >
            {t("workOrder.evaluation.undo")}
          </Button>
          <Button icon={<ClearOutlined />} disabled={strokes.length === 0} onClick={() => setStrokes([])}>
            {t("workOrder.evaluation.clear")}
          </Button>
        </Space>
      </div>
    );
  },
);
