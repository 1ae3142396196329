/**
 * Simple charts drawn with pdfkit's vector operations for the monthly report (issue #8 item 3):
 * bars (stacked or not), an optional cumulative line on a 0–100 % axis (the Pareto chart), a
 * legend and labels in the embedded Chinese font. Vector, so they print sharp at any size.
 */
import type { FormDocument } from "./pdf-document.js";

export interface BarSeries {
  name: string;
  color: string;
  values: readonly number[];
}

export interface BarChartSpec {
  title: string;
  labels: readonly string[];
  series: readonly BarSeries[];
  stacked?: boolean;
  /** Percentages 0–100 drawn as a line on a right-hand axis. */
  line?: { name: string; color: string; values: readonly number[] };
  height: number;
}

/** The top of the axis: four equal whole-number steps of 1, 2, 5 (2.5 from 10 up) times a power of ten. */
function niceMax(value: number): number {
  const rough = Math.max(value, 1) / 4;
  const magnitude = 10 ** Math.floor(Math.log10(rough));
  const steps = magnitude >= 10 ? [1, 2, 2.5, 5, 10] : [1, 2, 5, 10];
  const step = (steps.find((candidate) => candidate * magnitude >= rough) ?? 10) * magnitude;
  return Math.max(4, 4 * Math.ceil(step));
}

export function drawBarChart(form: FormDocument, spec: BarChartSpec): void {
  const doc = form.doc;
  const total = spec.height + 14;
  form.ensureSpace(total);
  const top = form.y + 4;
  doc.font("zh-bold").fontSize(10).fillColor("#000").text(spec.title, form.left, top, { lineBreak: false });
  // Legend on the right of the title.
  let legendX = form.right;
  const legend = [...spec.series, ...(spec.line ? [spec.line] : [])].reverse();
  doc.font("zh").fontSize(8);
  for (const entry of legend) {
    const width = doc.widthOfString(entry.name);
    legendX -= width + 16;
    doc.rect(legendX, top + 3, 8, 8).fill(entry.color);
    doc.fillColor("#333").text(entry.name, legendX + 11, top + 2, { lineBreak: false });
  }
  const plotLeft = form.left + 28;
  const plotRight = form.right - (spec.line ? 30 : 6);
  const plotTop = top + 18;
  const labelSpace = 26;
  const plotBottom = top + spec.height - labelSpace;
  const plotHeight = plotBottom - plotTop;
  const count = Math.max(spec.labels.length, 1);
  const totals = spec.labels.map((_, index) =>
    spec.stacked
      ? spec.series.reduce((sum, series) => sum + (series.values[index] ?? 0), 0)
      : Math.max(0, ...spec.series.map((series) => series.values[index] ?? 0)),
  );
  const max = niceMax(Math.max(0, ...totals));
  // Grid and left axis.
  doc.lineWidth(0.3).strokeColor("#cccccc");
  for (let step = 0; step <= 4; step++) {
    const y = plotBottom - (plotHeight * step) / 4;
    doc.moveTo(plotLeft, y).lineTo(plotRight, y).stroke();
    doc
      .fillColor("#666")
      .fontSize(7)
      .text(String(Math.round((max * step) / 4)), form.left, y - 4, {
        width: 24,
        align: "right",
        lineBreak: false,
      });
    if (spec.line) {
      doc.text(`${25 * step}%`, plotRight + 3, y - 4, { width: 26, lineBreak: false });
    }
  }
  const slot = (plotRight - plotLeft) / count;
  const groupWidth = slot * 0.7;
  const barWidth = spec.stacked ? groupWidth : groupWidth / Math.max(spec.series.length, 1);
  spec.labels.forEach((label, index) => {
    const slotLeft = plotLeft + slot * index + (slot - groupWidth) / 2;
    let stackBase = plotBottom;
    spec.series.forEach((series, seriesIndex) => {
      const value = series.values[index] ?? 0;
      if (value <= 0) return;
      const height = (value / max) * plotHeight;
      const x = spec.stacked ? slotLeft : slotLeft + seriesIndex * barWidth;
      const y = spec.stacked ? stackBase - height : plotBottom - height;
      doc.rect(x, y, Math.max(barWidth - 0.5, 0.5), height).fill(series.color);
      if (spec.stacked) stackBase -= height;
    });
    // Every label when they fit, otherwise every n-th.
    const every = Math.ceil(count / 16);
    if (index % every === 0) {
      doc.fillColor("#333").fontSize(7);
      doc.text(label, plotLeft + slot * index - slot * (every - 1) * 0.5, plotBottom + 3, {
        width: slot * every,
        height: labelSpace - 4,
        align: "center",
        ellipsis: "…",
      });
    }
  });
  if (spec.line && spec.line.values.length > 0) {
    doc.lineWidth(1.2).strokeColor(spec.line.color);
    spec.line.values.forEach((value, index) => {
      const x = plotLeft + slot * index + slot / 2;
      const y = plotBottom - (Math.min(value, 100) / 100) * plotHeight;
      if (index === 0) doc.moveTo(x, y);
      else doc.lineTo(x, y);
    });
    doc.stroke();
  }
  doc.lineWidth(0.6).strokeColor("#000").moveTo(plotLeft, plotBottom).lineTo(plotRight, plotBottom).stroke();
  doc.fillColor("#000").font("zh").fontSize(10);
  form.y = top + spec.height + 4;
}
