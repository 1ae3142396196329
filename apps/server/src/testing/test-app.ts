import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { FastifyInstance } from "fastify";
import { buildApp } from "../app.js";
import { type Config, loadConfig } from "../config.js";
import type { DatabaseKind } from "../db/dialect.js";
import { createTestDatabase, type TestDatabase } from "./databases.js";
import { seedWorld, TEST_PASSWORD, type World } from "./fixtures.js";

export interface TestApp {
  app: FastifyInstance;
  database: TestDatabase;
  baseUrl: string;
  world: World;
  /** The server's DATA_DIR (uploaded files live under it). */
  dataDir: string;
  /** The configuration the server runs with (to build its outbox deliverers, say). */
  config: Config;
  /** A client signed in as the given user name (see fixtures.ts), over real HTTP. */
  as(username: string): Promise<ApiClient>;
  anonymous(): ApiClient;
  close(): Promise<void>;
}

const emptyOrg = {
  orgId: "",
  catalogue: { departments: new Map(), trades: new Map() },
  estates: {},
  buildings: {},
  units: {},
  residents: {},
  users: {},
};
const EMPTY_WORLD: World = { a: emptyOrg, b: emptyOrg };

/** A server on a random local port over a fresh database seeded with the test world. */
export async function startTestApp(
  kind: DatabaseKind,
  options: {
    seed?: boolean;
    /** Environment variables merged into the test configuration (SMTP_URL, ALLOW_PRIVATE_WEBHOOKS, …). */
    env?: NodeJS.ProcessEnv;
  } = {},
): Promise<TestApp> {
  const database = await createTestDatabase(kind);
  const world = options.seed === false ? EMPTY_WORLD : await seedWorld(database.db);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "estate-desk-files-"));
  const config = {
    ...loadConfig({ LOG_LEVEL: "warn", DEMO_DATA: "false", DATA_DIR: dataDir, ...options.env }),
    webDist: "/nonexistent",
  };
  const app = await buildApp({ config, database });
  await app.listen({ port: 0, host: "127.0.0.1" });
  const address = app.server.address();
  if (address === null || typeof address === "string") throw new Error("no port");
  const baseUrl = `http://127.0.0.1:${address.port}`;
  return {
    app,
    database,
    baseUrl,
    world,
    async as(username: string) {
      const client = new ApiClient(baseUrl);
      await client.login(username, TEST_PASSWORD);
      return client;
    },
    anonymous: () => new ApiClient(baseUrl),
    dataDir,
    config,
    async close() {
      await app.close();
      await database.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export interface ApiResponse<T = unknown> {
  status: number;
  // biome-ignore lint/suspicious/noExplicitAny: tests read response bodies loosely and assert on them.
  body: T extends unknown ? any : T;
  headers: Headers;
}

/** A minimal browser: keeps the session cookie and sends the CSRF token on writes. */
export class ApiClient {
  cookie: string | undefined;
  csrfToken: string | undefined;

  constructor(readonly baseUrl: string) {}

  async login(username: string, password: string): Promise<ApiResponse> {
    const response = await this.request("POST", "/api/auth/login", { username, password });
    if (response.status !== 200) {
      throw new Error(`login as ${username} failed: ${response.status} ${JSON.stringify(response.body)}`);
    }
    return response;
  }

  get(path: string) {
    return this.request("GET", path);
  }
  post(path: string, body?: unknown) {
    return this.request("POST", path, body);
  }
  patch(path: string, body?: unknown) {
    return this.request("PATCH", path, body);
  }
  delete(path: string) {
    return this.request("DELETE", path);
  }

  async request(
    method: string,
    path: string,
    body?: unknown,
    options: { csrf?: boolean; headers?: Record<string, string>; rawBody?: BodyInit } = {},
  ): Promise<ApiResponse> {
    const headers: Record<string, string> = { ...options.headers };
    if (body !== undefined) headers["content-type"] = "application/json";
    if (this.cookie) headers.cookie = this.cookie;
    if (this.csrfToken && options.csrf !== false) headers["x-csrf-token"] = this.csrfToken;
    const response = await fetch(this.baseUrl + path, {
      method,
      headers,
      body: options.rawBody ?? (body === undefined ? undefined : JSON.stringify(body)),
    });
    const setCookie = response.headers.getSetCookie();
    for (const line of setCookie) {
      const [pair] = line.split(";");
      if (pair?.startsWith("ed_session=")) {
        this.cookie = pair === "ed_session=" || /expires=Thu, 01 Jan 1970/i.test(line) ? undefined : pair;
      }
    }
    const text = await response.text();
    let parsed: unknown = text;
    if (response.headers.get("content-type")?.includes("application/json") && text) parsed = JSON.parse(text);
    if (path === "/api/auth/login" && response.status === 200) {
      this.csrfToken = (parsed as { csrfToken: string }).csrfToken;
    }
    return { status: response.status, body: parsed, headers: response.headers };
  }
}
