/**
 * A small HTTP client for the security harnesses. Unlike testing/test-app.ts's ApiClient it
 * types bodies as `unknown` (tests narrow them), never throws on a status, can leave out or
 * forge the CSRF token, and cuts streams (server-sent events) short instead of waiting for
 * them to end.
 */
import { TEST_PASSWORD } from "../testing/fixtures.js";

export interface RawResponse {
  status: number;
  headers: Headers;
  /** The body as text ("" for event streams, which are not read). */
  text: string;
  /** The parsed JSON body, or undefined when the body is not JSON. */
  json: unknown;
}

export interface RequestOptions {
  /** A JSON value to send; `undefined` sends no body. */
  body?: unknown;
  /** Bytes or a form to send as they are (content type set by the caller or by fetch). */
  rawBody?: BodyInit;
  headers?: Record<string, string>;
  /** Send the session's CSRF token on writes (default true). */
  csrf?: boolean;
  /** Abort after this long (default 10 s). */
  timeoutMs?: number;
}

const STREAM_TYPES = /text\/event-stream/i;

export class SecurityClient {
  cookie: string | undefined;
  csrfToken: string | undefined;

  constructor(
    readonly baseUrl: string,
    readonly label = "anonymous",
  ) {}

  async request(method: string, path: string, options: RequestOptions = {}): Promise<RawResponse> {
    const headers: Record<string, string> = {};
    if (options.body !== undefined) headers["content-type"] = "application/json";
    if (this.cookie) headers.cookie = this.cookie;
    if (this.csrfToken && options.csrf !== false) headers["x-csrf-token"] = this.csrfToken;
    Object.assign(headers, options.headers);
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), options.timeoutMs ?? 10_000);
    try {
      const response = await fetch(this.baseUrl + path, {
        method,
        headers,
        body: options.rawBody ?? (options.body === undefined ? undefined : JSON.stringify(options.body)),
        signal: controller.signal,
        redirect: "manual",
      });
      this.takeCookie(response.headers);
      const contentType = response.headers.get("content-type") ?? "";
      let text = "";
      if (STREAM_TYPES.test(contentType)) {
        controller.abort();
      } else {
        text = await response.text();
      }
      let json: unknown;
      if (contentType.includes("application/json") && text) json = JSON.parse(text);
      return { status: response.status, headers: response.headers, text, json };
    } finally {
      clearTimeout(timer);
    }
  }

  get(path: string, options?: RequestOptions) {
    return this.request("GET", path, options);
  }

  /** Signs in; returns the response (200 sets the session cookie and the CSRF token). */
  async login(username: string, password = TEST_PASSWORD): Promise<RawResponse> {
    const response = await this.request("POST", "/api/auth/login", { body: { username, password } });
    if (response.status === 200) {
      const token = field(response.json, "csrfToken");
      this.csrfToken = typeof token === "string" ? token : undefined;
    }
    return response;
  }

  private takeCookie(headers: Headers): void {
    for (const line of headers.getSetCookie()) {
      const [pair] = line.split(";");
      if (pair?.startsWith("ed_session=")) {
        this.cookie = pair === "ed_session=" || /expires=Thu, 01 Jan 1970/i.test(line) ? undefined : pair;
      }
    }
  }
}

/** A signed-in client, or an error saying why the sign-in failed. */
export async function signedIn(baseUrl: string, username: string): Promise<SecurityClient> {
  const client = new SecurityClient(baseUrl, username);
  const response = await client.login(username);
  if (response.status !== 200) throw new Error(`sign-in as ${username}: ${response.status} ${response.text}`);
  return client;
}

// ---- narrowing helpers for unknown JSON -------------------------------------------------

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** `value[key]` when value is an object, else undefined. */
export function field(value: unknown, key: string): unknown {
  return isRecord(value) ? value[key] : undefined;
}

/** The `id`s of `body.items`, for list routes that page `{ items: [{ id }], nextCursor }`. */
export function itemIds(body: unknown): string[] {
  const items = field(body, "items");
  if (!Array.isArray(items)) return [];
  return items.map((item) => field(item, "id")).filter((id): id is string => typeof id === "string");
}

export function stringField(value: unknown, key: string): string {
  const found = field(value, key);
  if (typeof found !== "string") throw new Error(`expected a string at "${key}" in ${JSON.stringify(value)}`);
  return found;
}

/** The error body format every 4xx must have: `{ error: { code, message, messageEn } }`. */
export function errorFormatProblem(response: RawResponse): string | undefined {
  if (!(response.headers.get("content-type") ?? "").includes("application/json")) {
    return `content-type ${response.headers.get("content-type")}`;
  }
  const error = field(response.json, "error");
  for (const key of ["code", "message", "messageEn"]) {
    const value = field(error, key);
    if (typeof value !== "string" || value === "") return `error.${key} missing in ${response.text.slice(0, 300)}`;
  }
  return undefined;
}

/**
 * Signs of internals in a response: stack frames, file paths, driver or SQL error text. A
 * response that echoes the caller's own input back is fine, so only server-side wording counts.
 */
const LEAK_PATTERNS: RegExp[] = [
  /\bat [\w$.<>]+ \((?:file:\/\/)?\/[^)]+:\d+:\d+\)/, // V8 stack frame "at fn (/path/file.ts:1:2)"
  /\n\s+at [\w$.<>]+/, // stack frame on its own line
  /node_modules\//,
  /\/apps\/server\/src\//,
  /SQLITE_[A-Z]+/,
  /SqliteError/,
  /syntax error at or near/i, // PostgreSQL
  /violates (?:not-null|unique|foreign key|check) constraint/i,
  /duplicate key value/i,
  /\bno such (?:table|column)\b/i,
  /relation "[^"]+" does not exist/i,
  /invalid input syntax for type/i,
  /"stack"\s*:/,
];

export function leakProblem(response: RawResponse): string | undefined {
  for (const pattern of LEAK_PATTERNS) {
    if (pattern.test(response.text)) return `response matches ${pattern}: ${response.text.slice(0, 300)}`;
  }
  return undefined;
}
