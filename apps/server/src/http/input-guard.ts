import type { FastifyInstance } from "fastify";
import { AppError } from "./errors.js";

/**
 * Refuses text containing a NUL character (U+0000) anywhere in the path, query or JSON body.
 * PostgreSQL cannot store it in text columns or compare against it, so such input reached the
 * database and came back as a 500 (found by security/openapi-fuzz.test.ts, e.g.
 * GET /api/public/estates/%00); SQLite would store it. No legitimate input contains it.
 */
export function installInputGuard(app: FastifyInstance): void {
  app.addHook("preValidation", async (request) => {
    const sources: Array<[string, unknown]> = [
      ["params", request.params],
      ["querystring", request.query],
      ["body", request.body],
    ];
    for (const [source, value] of sources) {
      const path = pathOfNul(value);
      if (path !== undefined) {
        throw new AppError("VALIDATION_FAILED", {
          issues: [{ path: `${source}${path}`, message: "text must not contain the NUL character" }],
        });
      }
    }
  });
}

/** The JSON-pointer-like path of the first string (or key) containing U+0000, if any. Iterative: bodies may nest deeply. */
function pathOfNul(root: unknown): string | undefined {
  const stack: Array<[unknown, string]> = [[root, ""]];
  while (stack.length > 0) {
    const next = stack.pop();
    if (!next) break;
    const [value, path] = next;
    if (typeof value === "string") {
      if (value.includes("\u0000")) return path;
    } else if (Array.isArray(value)) {
      value.forEach((item, index) => {
        stack.push([item, `${path}/${index}`]);
      });
    } else if (typeof value === "object" && value !== null) {
      for (const [key, item] of Object.entries(value)) {
        if (key.includes("\u0000")) return `${path}/${key}`;
        stack.push([item, `${path}/${key}`]);
      }
    }
  }
  return undefined;
}
