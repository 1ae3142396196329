import { type Kysely, type Migration, type MigrationProvider, Migrator } from "kysely";
import * as foundation from "./migrations/2026-11-29-01-foundation.js";
import type { Database } from "./schema.js";

/**
 * The one migration set for both databases, listed here rather than read from the folder so
 * that the list is checked by the compiler and works from a bundle. A landed migration never
 * changes; add a new dated file instead.
 */
const migrations: Record<string, Migration> = {
  "2026-11-29-01-foundation": foundation,
};

const provider: MigrationProvider = {
  async getMigrations() {
    return migrations;
  },
};

export async function migrateToLatest(db: Kysely<Database>): Promise<string[]> {
  const migrator = new Migrator({ db, provider });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error;
  return (results ?? []).filter((result) => result.status === "Success").map((result) => result.migrationName);
}
