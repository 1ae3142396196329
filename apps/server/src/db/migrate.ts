import { type Kysely, type Migration, type MigrationProvider, Migrator, NO_MIGRATIONS } from "kysely";
import { withSchemaChangeLock } from "./dialect.js";
import * as foundation from "./migrations/2026-11-29-01-foundation.js";
import * as intake from "./migrations/2026-11-29-02-intake.js";
import * as calendar from "./migrations/2026-11-29-03-calendar.js";
import * as complaintHandling from "./migrations/2026-11-29-04-complaint-handling.js";
import * as webhooks from "./migrations/2026-11-29-05-webhooks.js";
import * as scheduler from "./migrations/2026-11-29-06-scheduler.js";
import * as workOrders from "./migrations/2026-11-29-07-work-orders.js";
import * as orgSettings from "./migrations/2026-11-29-08-org-settings.js";
import * as repairDispatch from "./migrations/2026-11-29-09-repair-dispatch.js";
import * as callbacks from "./migrations/2026-11-29-10-callbacks.js";
import * as qualityExtra from "./migrations/2026-11-29-11b-quality-extra.js";
import * as records from "./migrations/2026-11-29-12-records.js";
import * as performance from "./migrations/2026-11-29-13-performance.js";
import * as reports from "./migrations/2026-11-29-14-reports.js";
import type { Database } from "./schema.js";

/**
 * The one migration set for both databases, listed here rather than read from the folder so
 * that the list is checked by the compiler and works from a bundle. A landed migration never
 * changes; add a new dated file instead.
 */
const migrations: Record<string, Migration> = {
  "2026-11-29-01-foundation": foundation,
  "2026-11-29-02-intake": intake,
  "2026-11-29-03-calendar": calendar,
  "2026-11-29-04-complaint-handling": complaintHandling,
  "2026-11-29-05-webhooks": webhooks,
  "2026-11-29-06-scheduler": scheduler,
  "2026-11-29-07-work-orders": workOrders,
  "2026-11-29-08-org-settings": orgSettings,
  "2026-11-29-09-repair-dispatch": repairDispatch,
  "2026-11-29-10-callbacks": callbacks,
  "2026-11-29-11b-quality-extra": qualityExtra,
  "2026-11-29-13-performance": performance,
  "2026-11-29-12-records": records,
  "2026-11-29-14-reports": reports,
};

/** Every migration's name, in order: readiness (ops/readiness.ts) compares them with the applied ones. */
export const MIGRATION_NAMES: readonly string[] = Object.keys(migrations);

const provider: MigrationProvider = {
  async getMigrations() {
    return migrations;
  },
};

/**
 * `schema`: the PostgreSQL schema to keep the migration bookkeeping in. Needed whenever the
 * database holds several schemas with our tables (tests): Kysely looks for its tables across
 * all schemas and would otherwise find another schema's.
 */
function migratorFor(db: Kysely<Database>, schema?: string): Migrator {
  return new Migrator({ db, provider, ...(schema ? { migrationTableSchema: schema } : {}) });
}

export async function migrateToLatest(db: Kysely<Database>, schema?: string): Promise<string[]> {
  const migrator = migratorFor(db, schema);
  const { error, results } = await withSchemaChangeLock(db, () => migrator.migrateToLatest());
  if (error) throw error;
  return (results ?? []).filter((result) => result.status === "Success").map((result) => result.migrationName);
}

/** Drops every table of the schema by running all migrations down: for `npm run demo:reset`. */
export async function migrateToNothing(db: Kysely<Database>, schema?: string): Promise<void> {
  const migrator = migratorFor(db, schema);
  const { error } = await withSchemaChangeLock(db, () => migrator.migrateTo(NO_MIGRATIONS));
  if (error) throw error;
}

/** Migrates up or down to the named migration: for tests of a migration over older data. */
export async function migrateTo(db: Kysely<Database>, name: string, schema?: string): Promise<void> {
  const migrator = migratorFor(db, schema);
  const { error } = await withSchemaChangeLock(db, () => migrator.migrateTo(name));
  if (error) throw error;
}
