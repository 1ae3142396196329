/**
 * Bad input (issue #6 item 6): requests derived from /api/openapi.json for every operation —
 * values that fit the schemas, and mutations of them (wrong types, missing and extra fields,
 * huge strings, RTL and emoji, SQL and HTML fragments, ids of another organisation, numbers
 * out of range, deep nesting) — sent as admin, cshead and res1 with the CSRF token.
 *
 * Asserted for every response: no 5xx; every 4xx in the error format; no stack trace or SQL
 * text; the server still answers afterwards. For writes: a batch of requests that must all
 * be refused (4xx) leaves every table exactly as it was.
 *
 * Deterministic: FUZZ_SEED (default below) seeds fast-check; FUZZ_RUNS sets runs per
 * operation; FUZZ_SHRINK=1 shrinks a failure to its smallest request (slower); FUZZ_STATS=1
 * prints the statuses each operation answered (to see which ones the generator gets past validation).
 */
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDatabases } from "../testing/databases.js";
import { differences, snapshot } from "./db-snapshot.js";
import {
  errorFormatProblem,
  field,
  isRecord,
  leakProblem,
  type RawResponse,
  SecurityClient,
  signedIn,
} from "./http-client.js";
import { type InventoriedApp, isWrite, startInventoriedApp } from "./route-inventory.js";
import {
  arbitraryFor,
  type Hints,
  HOSTILE_STRINGS,
  hostileValue,
  type JsonSchema,
  mutate,
  wrongTypeFor,
} from "./schema-arbitraries.js";
import {
  buildSecurityWorld,
  fieldRecordType,
  fillPath,
  paramTypes,
  type Records,
  type SecurityWorld,
} from "./security-world.js";

const SEED = Number(process.env.FUZZ_SEED ?? 20261129);
const RUNS = Number(process.env.FUZZ_RUNS ?? 40);
const REJECTED_RUNS = Math.max(4, Math.round(RUNS / 2));
const SHRINK = process.env.FUZZ_SHRINK === "1";
const IDENTITIES = ["admin", "cshead", "res1"] as const;
type Identity = (typeof IDENTITIES)[number];

/**
 * Operations left out, each for a reason: signing out ends the fuzzing session (it takes no
 * input to fuzz); the event stream never ends by itself (its access is in the permission matrix).
 */
const SKIPPED = new Set(["POST /api/auth/logout", "GET /api/notifications/stream"]);
/**
 * Sign-in failures are counted per address (auth.service.ts) and 30 block the address: the
 * sign-in operation runs last, and its refused attempts write login_attempts by design.
 */
const LAST = "POST /api/auth/login";

interface Parameter {
  name: string;
  in: "path" | "query";
  required: boolean;
  schema: JsonSchema;
}

interface Operation {
  label: string;
  method: string;
  /** Fastify URL, /api/estates/:id */
  url: string;
  parameters: Parameter[];
  body: JsonSchema | undefined;
}

function operationsOf(document: unknown): Operation[] {
  const paths = field(document, "paths");
  if (!isRecord(paths)) throw new Error("no paths");
  const operations: Operation[] = [];
  for (const [path, methods] of Object.entries(paths)) {
    if (!isRecord(methods)) continue;
    for (const [method, operation] of Object.entries(methods)) {
      const rawParameters = field(operation, "parameters");
      const parameters: Parameter[] = (Array.isArray(rawParameters) ? rawParameters : []).flatMap((p) => {
        const name = field(p, "name");
        const where = field(p, "in");
        const schema = field(p, "schema");
        if (typeof name !== "string" || (where !== "path" && where !== "query") || !isRecord(schema)) return [];
        return [{ name, in: where, required: field(p, "required") === true, schema }];
      });
      const body = field(field(field(field(operation, "requestBody"), "content"), "application/json"), "schema");
      const url = path.replace(/\{(\w+)\}/g, ":$1");
      operations.push({
        label: `${method.toUpperCase()} ${url}`,
        method: method.toUpperCase(),
        url,
        parameters,
        body: isRecord(body) ? body : undefined,
      });
    }
  }
  return operations;
}

interface FuzzRequest {
  identity: Identity;
  path: string;
  body: unknown;
}

/** fast-check prints counterexamples recursively, which a 2000-deep body overflows: print them shortly. */
function printable(request: FuzzRequest): FuzzRequest {
  return Object.assign(request, {
    [fc.toStringMethod]: () =>
      `${request.identity} ${request.path} ${(JSON.stringify(request.body) ?? "").slice(0, 500)}`,
  });
}

/** Short hostile strings for URLs (a 64 KiB URL is refused by Node before the app sees it). */
const urlHostile = fc.constantFrom(...HOSTILE_STRINGS.filter((s) => s.length > 0 && encodable(s)));

/** Lone surrogates cannot be percent-encoded at all (they reach the server only in JSON bodies). */
function encodable(value: string): boolean {
  try {
    encodeURIComponent(value);
    return true;
  } catch {
    return false;
  }
}

/** Path parameter values: the right record (mostly), another organisation's, an unknown one, or garbage. */
function pathValue(records: Records, url: string, index: number): fc.Arbitrary<string> {
  const type = paramTypes(url)[index]?.type;
  // The fuzzing identities' own people stay out of reach (a deactivated res1 could not go on).
  const own = type ? records[type][type === "user" || type === "resident" ? "a2" : "a1"] : undefined;
  return fc.oneof(
    { weight: 4, arbitrary: own ? fc.constant(own) : fc.uuid() },
    { weight: 1, arbitrary: type ? fc.constant(records[type].b) : fc.uuid() },
    { weight: 1, arbitrary: fc.uuid() },
    { weight: 2, arbitrary: urlHostile },
  );
}

/** A value that fits the parameter's schema. */
function validQueryValue(parameter: Parameter, hints: Hints): fc.Arbitrary<string> {
  return arbitraryFor(parameter.schema, hints, parameter.name)
    .map((v) => String(v))
    .filter(encodable);
}

const badQueryValue: fc.Arbitrary<string> = fc.oneof(
  { weight: 2, arbitrary: urlHostile },
  { weight: 1, arbitrary: fc.constantFrom("-1", "99999999999999999999", "1e309", "0x10", "[]", "true") },
);

/**
 * Query strings: valid values for a random subset of the parameters (required ones always),
 * and in half the requests one parameter replaced by a hostile value or repeated.
 */
function queryFor(parameters: Parameter[], hints: Hints): fc.Arbitrary<Array<[string, string]>> {
  const valid = fc.tuple(
    ...parameters.map((p) =>
      p.required
        ? validQueryValue(p, hints).map((v): Array<[string, string]> => [[p.name, v]])
        : fc
            .option(validQueryValue(p, hints), { nil: undefined, freq: 2 })
            .map((v): Array<[string, string]> => (v === undefined ? [] : [[p.name, v]])),
    ),
  );
  const validQuery = valid.map((pairs) => pairs.flat());
  if (parameters.length === 0) return validQuery;
  const names = parameters.map((p) => p.name);
  return fc.oneof(
    validQuery,
    fc
      .tuple(validQuery, fc.constantFrom(...names), badQueryValue, fc.boolean())
      .map(
        ([pairs, name, bad, repeat]): Array<[string, string]> =>
          repeat ? [...pairs, [name, bad], [name, bad]] : [...pairs.filter(([key]) => key !== name), [name, bad]],
      ),
  );
}

function buildPath(url: string, pathValues: string[], query: Array<[string, string]>): string {
  let index = 0;
  const path = url.replace(/:(\w+)/g, () => encodeURIComponent(pathValues[index++] ?? ""));
  const search = new URLSearchParams(query).toString();
  return search ? `${path}?${search}` : path;
}

/** Requests for an operation: schema-shaped values and mutations of them. */
function requestsFor(operation: Operation, records: Records, hints: Hints): fc.Arbitrary<FuzzRequest> {
  const pathParams = operation.parameters.filter((p) => p.in === "path");
  const queryParams = operation.parameters.filter((p) => p.in === "query");
  const pathArb = fc.tuple(...pathParams.map((_p, index) => pathValue(records, operation.url, index)));
  const queryArb = queryFor(queryParams, hints);
  const bodyArb: fc.Arbitrary<unknown> = operation.body
    ? fc.oneof(
        { weight: 3, arbitrary: arbitraryFor(operation.body, hints) },
        { weight: 5, arbitrary: arbitraryFor(operation.body, hints).chain(mutate) },
        { weight: 1, arbitrary: wrongTypeFor(operation.body) },
      )
    : isWrite(operation.method)
      ? fc.oneof(
          fc.constant({}),
          hostileValue.map((value) => ({ extra: value })),
        )
      : fc.constant(undefined);
  return fc
    .record({ identity: fc.constantFrom(...IDENTITIES), pathValues: pathArb, query: queryArb, body: bodyArb })
    .map(({ identity, pathValues, query, body }) =>
      printable({ identity, path: buildPath(operation.url, pathValues, query), body }),
    );
}

/**
 * Requests the server must refuse: a body of the wrong type, a path id that is not a UUID or
 * belongs to another organisation, or a required query parameter that is garbage. Undefined
 * when the operation has nothing that could be wrong (a write without input).
 */
function rejectedRequestsFor(operation: Operation, records: Records): fc.Arbitrary<FuzzRequest> | undefined {
  const pathParams = operation.parameters.filter((p) => p.in === "path");
  const idParams = pathParams.filter((p) => p.schema.format === "uuid");
  const options: Array<fc.Arbitrary<FuzzRequest>> = [];
  const validPath = (identity: Identity) =>
    fillPath(operation.url, records, identity === "res1" ? "a1" : "a1").split("?")[0] ?? operation.url;
  if (operation.body) {
    const body = operation.body;
    options.push(
      fc
        .record({ identity: fc.constantFrom(...IDENTITIES), body: wrongTypeFor(body) })
        .map(({ identity, body: bad }) => ({ identity, path: validPath(identity), body: bad })),
    );
  }
  if (idParams.length > 0) {
    options.push(
      fc.record({ identity: fc.constantFrom(...IDENTITIES), garbage: urlHostile }).map(({ identity, garbage }) => ({
        identity,
        path: buildPath(
          operation.url,
          pathParams.map(() => garbage),
          [],
        ),
        body: {},
      })),
    );
    // Another organisation's records, where the route's types are known.
    if (paramTypes(operation.url).every((param) => param.type !== undefined && param.type !== "day")) {
      options.push(
        fc.constantFrom(...IDENTITIES).map((identity) => ({
          identity,
          path: fillPath(operation.url, records, "b"),
          body: {},
        })),
      );
    }
  }
  const requiredQuery = operation.parameters.filter((p) => p.in === "query" && p.required);
  if (requiredQuery.length > 0 && pathParams.length === 0) {
    options.push(
      fc.record({ identity: fc.constantFrom(...IDENTITIES), garbage: urlHostile }).map(({ identity, garbage }) => ({
        identity,
        path: buildPath(
          operation.url,
          [],
          requiredQuery.map((p): [string, string] => [p.name, `${garbage}\u0000zz`]),
        ),
        body: operation.body ? wrongTypeFor(operation.body) : {},
      })),
    );
  }
  return options.length > 0 ? fc.oneof(...options).map(printable) : undefined;
}

/** The failure of one operation: what went wrong, then fast-check's report (seed, path, counterexample). */
function reportOf(operation: Operation, result: fc.RunDetails<[FuzzRequest]>): string {
  const error = result.errorInstance;
  const message = error instanceof Error ? error.message : String(error);
  return `${operation.label}: ${message}\n${fc.defaultReportMessage(result) ?? ""}`.slice(0, 3000);
}

describe.each(testDatabases())("fuzzing every operation of /api/openapi.json on %s", (kind) => {
  let t: InventoriedApp;
  let w: SecurityWorld;
  let operations: Operation[];
  let hints: Hints;

  beforeAll(async () => {
    t = await startInventoriedApp(kind);
    w = await buildSecurityWorld(t);
    const document = (await new SecurityClient(t.baseUrl).get("/api/openapi.json")).json;
    operations = operationsOf(document)
      .filter((operation) => !SKIPPED.has(operation.label))
      .sort((a, b) => Number(a.label === LAST) - Number(b.label === LAST));
    const ids = new Set<string>();
    for (const slots of Object.values(w.records)) ids.add(slots.a1).add(slots.b);
    const records = w.records;
    hints = {
      idsFor(name) {
        const type = fieldRecordType(name);
        return type ? [records[type].a1, records[type].a2, records[type].b] : [...ids];
      },
    };
  });
  afterAll(async () => {
    await t?.close();
  });

  /** Signs in again whoever an earlier request signed out — before a batch, so that the sign-in is not counted in it. */
  async function ensureSignedIn(): Promise<void> {
    for (const identity of IDENTITIES) {
      const client = w.client(identity);
      if (client.cookie && (await client.get("/api/auth/me")).status === 200) continue;
      w.clients.set(identity, await signedIn(t.baseUrl, identity));
    }
  }

  async function send(request: FuzzRequest, method: string): Promise<RawResponse> {
    return w.client(request.identity).request(method, request.path, { body: request.body });
  }

  function problemsOf(response: RawResponse): string[] {
    const problems: string[] = [];
    if (response.status >= 500) problems.push(`status ${response.status}`);
    if (response.status >= 400 && response.status < 500) {
      const format = errorFormatProblem(response);
      if (format) problems.push(format);
    }
    const leak = leakProblem(response);
    if (leak) problems.push(leak);
    return problems;
  }

  function describeRequest(operation: Operation, request: FuzzRequest, response: RawResponse): string {
    const body = JSON.stringify(request.body) ?? "";
    return (
      `${operation.method} ${request.path.slice(0, 300)} as ${request.identity} with ${body.slice(0, 300)} → ` +
      `${response.status} ${response.text.slice(0, 300)} (FUZZ_SEED=${SEED})`
    );
  }

  const statuses: string[] = [];

  it("the document has operations to fuzz", () => {
    expect(operations.length).toBeGreaterThan(50);
  });

  it("answers every request without a 5xx, in the error format, without internals; rejected writes write nothing", async () => {
    const failures: string[] = [];
    for (const [index, operation] of operations.entries()) {
      const write = isWrite(operation.method);
      await ensureSignedIn();
      const before = write ? await snapshot(t.database) : undefined;
      let allRejected = true;
      const result = await fc.check(
        fc.asyncProperty(requestsFor(operation, w.records, hints), async (request) => {
          const response = await send(request, operation.method);
          if (process.env.FUZZ_STATS) statuses.push(`${operation.label} ${response.status}`);
          if (response.status < 400) allRejected = false;
          const problems = problemsOf(response);
          if (problems.length > 0)
            throw new Error(`${problems.join("; ")}\n${describeRequest(operation, request, response)}`);
        }),
        { seed: SEED + index, numRuns: RUNS, endOnFailure: !SHRINK },
      );
      if (result.failed) failures.push(reportOf(operation, result));
      // A batch in which every request was refused must have left the database as it was.
      if (before && allRejected && operation.label !== LAST) {
        const changed = differences(before, await snapshot(t.database));
        if (changed.length > 0) failures.push(`${operation.label}: refused requests wrote ${changed.join(", ")}`);
      }
      const health = await new SecurityClient(t.baseUrl).get("/api/health");
      if (health.status !== 200) throw new Error(`the server stopped answering after ${operation.label}`);
    }
    if (process.env.FUZZ_STATS) {
      const counts = new Map<string, number>();
      for (const line of statuses) counts.set(line, (counts.get(line) ?? 0) + 1);
      console.log([...counts].map(([line, n]) => `${line} ×${n}`).join("\n"));
    }
    expect(failures).toEqual([]);
    // Runs every operation of the growing API many times: minutes, not the default 30 s.
  }, 300_000);

  it("requests every write operation must refuse are refused (4xx) and write nothing", async () => {
    const failures: string[] = [];
    let batches = 0;
    for (const [index, operation] of operations.entries()) {
      if (!isWrite(operation.method)) continue;
      const rejected = rejectedRequestsFor(operation, w.records);
      if (!rejected) continue;
      batches++;
      await ensureSignedIn();
      const before = await snapshot(t.database);
      const result = await fc.check(
        fc.asyncProperty(rejected, async (request) => {
          const response = await send(request, operation.method);
          const problems = problemsOf(response);
          if (response.status < 400) problems.push("accepted");
          if (problems.length > 0)
            throw new Error(`${problems.join("; ")}\n${describeRequest(operation, request, response)}`);
        }),
        { seed: SEED + 1000 + index, numRuns: REJECTED_RUNS, endOnFailure: !SHRINK },
      );
      if (result.failed) failures.push(reportOf(operation, result));
      const changed = differences(before, await snapshot(t.database));
      if (changed.length > 0) failures.push(`${operation.label}: refused requests wrote ${changed.join(", ")}`);
    }
    expect(batches).toBeGreaterThan(30);
    expect(failures).toEqual([]);
    // Runs every operation of the growing API many times: minutes, not the default 30 s.
  }, 300_000);
});
