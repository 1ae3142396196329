import path from "node:path";

/**
 * Every setting the server reads from the environment, one variable per field. The README
 * lists them with their defaults; keep the two in step.
 */
export interface Config {
  /** `PORT`: the HTTP port. Default 3000. */
  port: number;
  /** `HOST`: the interface to listen on. Default `0.0.0.0`. */
  host: string;
  /** `DATA_DIR`: where the SQLite database and uploaded files live. Default `./data`. */
  dataDir: string;
  /**
   * `DATABASE_URL`: `postgres://…` for PostgreSQL, `sqlite:<path>` or a file path for SQLite.
   * Default: the SQLite file `estate-desk.sqlite` in `DATA_DIR`.
   */
  databaseUrl: string;
  /** `NODE_ENV`: `production` loads no demo data and asks for the first administrator. */
  production: boolean;
  /** `DEMO_DATA`: load the demo management centre on first start. Default on, off in production. */
  loadDemoData: boolean;
  /** `COOKIE_SECURE`: mark the session cookie `Secure` (behind HTTPS). Default on in production. */
  cookieSecure: boolean;
  /** `SESSION_IDLE_MINUTES`: a session ends after this much inactivity. Default 720 (12 h). */
  sessionIdleMinutes: number;
  /** `SESSION_MAX_HOURS`: a session ends this long after sign-in, however active. Default 168 (7 days). */
  sessionMaxHours: number;
  /** `LOG_LEVEL`: pino level. Default `info`, `warn` under tests. */
  logLevel: string;
  /** `WEB_DIST`: the built web app served at `/`. Default `apps/web/dist`. */
  webDist: string;
  /** `TRUST_PROXY`: trust `X-Forwarded-*` from a reverse proxy. Default off. */
  trustProxy: boolean;
  /** `SMTP_URL`: the mail server, e.g. `smtp://user:pass@host:587` (`smtps://` for TLS on connect). Unset: no e-mail. */
  smtpUrl: string | null;
  /** `MAIL_FROM`: the sender of notification e-mails. Default `物业服务台 <no-reply@localhost>`. */
  mailFrom: string;
  /** `PUBLIC_URL`: the address users open the app at, for links in e-mails and webhooks. Unset: no links. */
  publicUrl: string | null;
  /** `ALLOW_PRIVATE_WEBHOOKS`: allow webhooks to loopback and private addresses (SSRF guard off). Default off. */
  allowPrivateWebhooks: boolean;
  /**
   * `DATABASE_SCHEMA`: PostgreSQL only, the schema to keep the tables in (its search path).
   * Unset: the connection's default, normally `public`. Tests start servers on their fresh schema.
   */
  databaseSchema: string | null;
  /**
   * `SCHEDULER`: run the scheduled jobs (deadline escalation, …) in this process. Default on.
   * With several instances on, each job still runs once per period (a lease row in the database).
   */
  scheduler: boolean;
  /**
   * `METRICS_TOKEN`: when set, `GET /metrics` answers Prometheus scrapers that send
   * `Authorization: Bearer <token>`. Unset: only administrators read `GET /api/metrics`.
   */
  metricsToken: string | null;
  /** `SCHEDULER_FAST`: for tests only, every scheduled job every 2 seconds instead of its own schedule. Default off. */
  schedulerFast: boolean;
}

const repoRoot = path.resolve(import.meta.dirname, "../../..");

function flag(value: string | undefined, fallback: boolean): boolean {
  if (value === undefined || value === "") return fallback;
  return ["1", "true", "yes", "on"].includes(value.toLowerCase());
}

function positiveInt(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined || value === "") return fallback;
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed <= 0) {
    throw new Error(`${name} must be a positive integer, got "${value}"`);
  }
  return parsed;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const production = env.NODE_ENV === "production";
  // npm runs workspace scripts inside the workspace folder; INIT_CWD is where the user typed
  // the command, so `./data` means the folder they expect.
  const invokedFrom = env.INIT_CWD || process.cwd();
  const dataDir = path.resolve(invokedFrom, env.DATA_DIR || "data");
  return {
    port: positiveInt("PORT", env.PORT, 3000),
    host: env.HOST || "0.0.0.0",
    dataDir,
    databaseUrl: resolveDatabaseUrl(env.DATABASE_URL, dataDir, invokedFrom),
    production,
    loadDemoData: flag(env.DEMO_DATA, !production),
    cookieSecure: flag(env.COOKIE_SECURE, production),
    sessionIdleMinutes: positiveInt("SESSION_IDLE_MINUTES", env.SESSION_IDLE_MINUTES, 720),
    sessionMaxHours: positiveInt("SESSION_MAX_HOURS", env.SESSION_MAX_HOURS, 168),
    logLevel: env.LOG_LEVEL || (env.VITEST ? "warn" : "info"),
    webDist: env.WEB_DIST ? path.resolve(invokedFrom, env.WEB_DIST) : path.join(repoRoot, "apps/web/dist"),
    trustProxy: flag(env.TRUST_PROXY, false),
    smtpUrl: env.SMTP_URL || null,
    mailFrom: env.MAIL_FROM || "物业服务台 <no-reply@localhost>",
    publicUrl: publicUrl(env.PUBLIC_URL),
    allowPrivateWebhooks: flag(env.ALLOW_PRIVATE_WEBHOOKS, false),
    databaseSchema: databaseSchema(env.DATABASE_SCHEMA, env.DATABASE_URL),
    scheduler: flag(env.SCHEDULER, true),
    schedulerFast: flag(env.SCHEDULER_FAST, false),
    metricsToken: env.METRICS_TOKEN || null,
  };
}

/** The schema name goes into the connection's search_path: a plain identifier only. */
function databaseSchema(value: string | undefined, url: string | undefined): string | null {
  if (value === undefined || value === "") return null;
  if (!url || !/^postgres(ql)?:\/\//.test(url))
    throw new Error("DATABASE_SCHEMA applies to a PostgreSQL DATABASE_URL only");
  if (!/^[A-Za-z_][A-Za-z0-9_]{0,62}$/.test(value)) {
    throw new Error(`DATABASE_SCHEMA must be a plain identifier (letters, digits, _), got "${value}"`);
  }
  return value;
}

/** Links are built as `${publicUrl}/cases/<id>`: no trailing slash, and a typo fails at start rather than in every e-mail. */
function publicUrl(value: string | undefined): string | null {
  if (value === undefined || value === "") return null;
  if (!URL.canParse(value) || !/^https?:$/.test(new URL(value).protocol)) {
    throw new Error(`PUBLIC_URL must be an http(s) URL, got "${value}"`);
  }
  return value.replace(/\/+$/, "");
}

/** SQLite paths in DATABASE_URL are relative to where the command was typed, like DATA_DIR. */
function resolveDatabaseUrl(url: string | undefined, dataDir: string, invokedFrom: string): string {
  if (!url) return `sqlite:${path.join(dataDir, "estate-desk.sqlite")}`;
  if (/^postgres(ql)?:\/\//.test(url)) return url;
  const file = url.startsWith("sqlite:") ? url.slice("sqlite:".length) : url;
  return file === ":memory:" ? "sqlite::memory:" : `sqlite:${path.resolve(invokedFrom, file)}`;
}
