/**
 * fast-check arbitraries derived from the JSON schemas of /api/openapi.json: values that fit
 * a schema (so requests get past validation and reach the handlers), and hostile values and
 * mutations (wrong types, missing and extra fields, huge strings, RTL and emoji, SQL and HTML
 * fragments, numbers out of range, deep nesting) that must be refused cleanly.
 */
import fc from "fast-check";
import { field, isRecord } from "./http-client.js";

export type JsonSchema = Record<string, unknown>;

/** Strings that have hurt help desks: SQL, script, path traversal, format strings, odd unicode. */
export const HOSTILE_STRINGS: readonly string[] = [
  "' OR 1=1 --",
  '"; DROP TABLE cases; --',
  "1; SELECT pg_sleep(5); --",
  "' UNION SELECT password_hash FROM users --",
  "%' OR '%'='",
  "\\",
  "%_%",
  "<script>alert(1)</script>",
  '"><img src=x onerror=alert(1)>',
  "javascript:alert(1)",
  "<svg onload=alert(1)>",
  // biome-ignore lint/suspicious/noTemplateCurlyInString: a template-injection payload, on purpose.
  "{{7*7}}${7*7}",
  "../../../../etc/passwd",
  "..\\..\\windows\\win.ini",
  "%2e%2e%2f%2e%2e%2fetc%2fpasswd",
  "%s%s%s%n",
  "\u0000",
  "\u202Eتحقق\u202C عربي עברית",
  "👩‍👩‍👧‍👦🏠🔧💧",
  "\uD800",
  `漏水${"\u200B".repeat(5)}`,
  '=HYPERLINK("http://x")',
  "+cmd|' /C calc'!A0",
  "@SUM(1+1)",
  "-2+3",
  "__proto__",
  "constructor",
  "null",
  "NaN",
  "",
  " ",
];

/** A string of 64 KiB: far past every maxLength, under the 1 MiB body limit. */
export const HUGE_STRING = "长".repeat(22_000);

export const hostileString: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...HOSTILE_STRINGS) },
  { weight: 1, arbitrary: fc.constant(HUGE_STRING) },
  { weight: 2, arbitrary: fc.string({ unit: "grapheme", maxLength: 40 }) },
  { weight: 1, arbitrary: fc.string({ unit: "binary", maxLength: 20 }) },
);

/** Deeply nested arrays/objects: a parser or validator that recurses without limit falls over. */
export function deepNesting(depth: number): unknown {
  let value: unknown = "x";
  for (let i = 0; i < depth; i++) value = i % 2 === 0 ? [value] : { a: value };
  return value;
}

export const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: hostileString },
  {
    weight: 2,
    arbitrary: fc.constantFrom<unknown>(
      -1,
      0,
      2 ** 31,
      2 ** 53 + 1,
      -(2 ** 63),
      1e308,
      -1e308,
      0.1,
      true,
      false,
      null,
      [],
      {},
    ),
  },
  { weight: 1, arbitrary: fc.constantFrom(deepNesting(50), deepNesting(2000)) },
  { weight: 1, arbitrary: fc.anything({ maxDepth: 3 }) },
);

function typesOf(schema: JsonSchema): string[] {
  const type = schema.type;
  if (typeof type === "string") return [type];
  if (Array.isArray(type)) return type.filter((t): t is string => typeof t === "string");
  return [];
}

function numberField(schema: JsonSchema, key: string): number | undefined {
  const value = schema[key];
  return typeof value === "number" ? value : undefined;
}

export interface Hints {
  /** Ids from the test world for a field name ("estateId", "photoIds"), else for any uuid field. */
  idsFor(name: string): readonly string[];
}

function stringArbitrary(schema: JsonSchema, name: string, hints: Hints): fc.Arbitrary<string> {
  const minLength = numberField(schema, "minLength") ?? 0;
  const maxLength = Math.max(minLength, Math.min(numberField(schema, "maxLength") ?? 30, 60));
  const format = schema.format;
  if (format === "uuid" || /Ids?$/.test(name)) {
    const ids = hints.idsFor(name);
    return ids.length > 0
      ? fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...ids) }, { weight: 1, arbitrary: fc.uuid() })
      : fc.uuid();
  }
  if (format === "date-time") {
    return fc
      .date({ min: new Date("2020-01-01T00:00:00Z"), max: new Date("2030-12-31T00:00:00Z"), noInvalidDate: true })
      .map((date) => date.toISOString());
  }
  if (format === "email") return fc.emailAddress();
  const pattern = schema.pattern;
  if (typeof pattern === "string") {
    try {
      return fc.stringMatching(new RegExp(pattern)).filter((s) => s.length <= Math.max(maxLength, 200));
    } catch {
      // a pattern fast-check cannot generate from: fall through to plain strings
    }
  }
  return fc
    .string({ unit: "grapheme", minLength, maxLength })
    .map((s) => (minLength > 0 && s.trim() === "" ? "漏水" : s));
}

/** Values that fit the schema (as far as the schema says; business rules may still refuse them). */
export function arbitraryFor(schema: unknown, hints: Hints, name = "", depth = 0): fc.Arbitrary<unknown> {
  if (!isRecord(schema) || depth > 6) return fc.constant(null);
  if ("const" in schema) return fc.constant(schema.const);
  const enumValues = schema.enum;
  if (Array.isArray(enumValues) && enumValues.length > 0) return fc.constantFrom(...enumValues);
  for (const key of ["anyOf", "oneOf"]) {
    const options = schema[key];
    if (Array.isArray(options) && options.length > 0) {
      return fc.oneof(...options.map((option) => arbitraryFor(option, hints, name, depth + 1)));
    }
  }
  const allOf = schema.allOf;
  if (Array.isArray(allOf) && allOf.length > 0) return arbitraryFor(allOf[0], hints, name, depth + 1);
  const types = typesOf(schema);
  if (types.length > 1) return fc.oneof(...types.map((type) => arbitraryFor({ ...schema, type }, hints, name, depth)));
  switch (types[0]) {
    case "string":
      return stringArbitrary(schema, name, hints);
    case "integer": {
      const min = numberField(schema, "minimum") ?? (numberField(schema, "exclusiveMinimum") ?? -1001) + 1;
      const max = numberField(schema, "maximum") ?? (numberField(schema, "exclusiveMaximum") ?? 100_001) - 1;
      return fc.integer({ min: Math.max(min, -(2 ** 31)), max: Math.min(max, 2 ** 31) });
    }
    case "number": {
      const min = numberField(schema, "minimum") ?? -1000;
      const max = numberField(schema, "maximum") ?? 100_000;
      return fc.double({ min, max, noNaN: true, noDefaultInfinity: true });
    }
    case "boolean":
      return fc.boolean();
    case "null":
      return fc.constant(null);
    case "array": {
      const minLength = numberField(schema, "minItems") ?? 0;
      const maxLength = Math.max(minLength, Math.min(numberField(schema, "maxItems") ?? 3, 4));
      return fc.array(arbitraryFor(schema.items, hints, name, depth + 1), { minLength, maxLength });
    }
    default: {
      const properties = field(schema, "properties");
      if (!isRecord(properties)) return fc.constant({});
      const required = Array.isArray(schema.required) ? schema.required.filter((r) => typeof r === "string") : [];
      const shape: Record<string, fc.Arbitrary<unknown>> = {};
      for (const [key, propertySchema] of Object.entries(properties)) {
        shape[key] = arbitraryFor(propertySchema, hints, key, depth + 1);
      }
      return fc.record(shape, { requiredKeys: required });
    }
  }
}

/** A value of a type the schema does not allow (always invalid for object, array, number and enum schemas). */
export function wrongTypeFor(schema: unknown): fc.Arbitrary<unknown> {
  const types = isRecord(schema) ? typesOf(schema) : [];
  if (types.includes("object")) return fc.constantFrom<unknown>("not an object", 42, [], true);
  if (types.includes("array")) return fc.constantFrom<unknown>("not a list", 42, { a: 1 }, true);
  if (types.includes("integer") || types.includes("number")) return fc.constantFrom<unknown>("12abc", [], {}, true);
  return fc.constantFrom<unknown>(42, [], { nested: true }, true);
}

/** Mutations of a valid value: a hostile value in one place, a field removed, an unexpected field added. */
export function mutate(value: unknown): fc.Arbitrary<unknown> {
  if (isRecord(value)) {
    const keys = Object.keys(value);
    const options: Array<fc.Arbitrary<unknown>> = [
      fc
        .tuple(fc.string({ maxLength: 12 }), hostileValue)
        .map(([key, extra]) => ({ ...value, [key || "extra"]: extra })),
      hostileValue,
    ];
    if (keys.length > 0) {
      options.push(
        fc.tuple(fc.constantFrom(...keys), hostileValue).map(([key, bad]) => ({ ...value, [key]: bad })),
        fc.constantFrom(...keys).map((key) => {
          const { [key]: _removed, ...rest } = value;
          return rest;
        }),
        fc.constantFrom(...keys).chain((key) => mutate(value[key]).map((inner) => ({ ...value, [key]: inner }))),
      );
    }
    return fc.oneof(...options);
  }
  if (Array.isArray(value)) {
    return fc.oneof(
      hostileValue,
      hostileValue.map((bad) => [...value, bad]),
      fc.constant(Array.from({ length: 10_000 }, () => value[0] ?? "x")),
    );
  }
  return hostileValue;
}
