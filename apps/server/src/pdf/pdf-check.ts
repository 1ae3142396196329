/**
 * Test helpers that read a PDF the way a person or an archive tool would (issue #8 item 4):
 * `pdftotext` must find the Chinese text, `pdftoppm` must render every page. The rendered
 * pages are kept as PNG screenshots under test-artifacts/pdf/ (gitignored).
 */
import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";

const run = promisify(execFile);

export const ARTIFACTS_DIR = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  "../../../../test-artifacts/pdf",
);

/** The text pdftotext extracts, with layout. */
export async function pdfText(pdf: Buffer): Promise<string> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "pdf-text-"));
  try {
    const file = path.join(dir, "in.pdf");
    fs.writeFileSync(file, pdf);
    const { stdout } = await run("pdftotext", ["-layout", "-enc", "UTF-8", file, "-"], { maxBuffer: 64 * 1024 * 1024 });
    return stdout;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** Renders every page with pdftoppm into ARTIFACTS_DIR/<name>-<n>.png; returns the PNG paths. */
export async function renderPages(pdf: Buffer, name: string, resolution = 70): Promise<string[]> {
  fs.mkdirSync(ARTIFACTS_DIR, { recursive: true });
  for (const old of fs.readdirSync(ARTIFACTS_DIR)) {
    if (old.startsWith(`${name}-`) && old.endsWith(".png")) fs.rmSync(path.join(ARTIFACTS_DIR, old));
  }
  const file = path.join(ARTIFACTS_DIR, `${name}.pdf`);
  fs.writeFileSync(file, pdf);
  await run("pdftoppm", ["-png", "-r", String(resolution), file, path.join(ARTIFACTS_DIR, name)]);
  return fs
    .readdirSync(ARTIFACTS_DIR)
    .filter((entry) => entry.startsWith(`${name}-`) && entry.endsWith(".png"))
    .sort()
    .map((entry) => path.join(ARTIFACTS_DIR, entry));
}

/** Whitespace-free text, so that words split by layout still match. */
export function compact(text: string): string {
  return text.replace(/\s+/g, "");
}
