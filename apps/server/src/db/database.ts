import type SQLite from "better-sqlite3";
import { Kysely, type Transaction } from "kysely";
import { createDialect, type DatabaseKind, type DialectOptions, type PoolStats } from "./dialect.js";
import type { Database } from "./schema.js";

export type Db = Kysely<Database>;
export type Tx = Transaction<Database>;
/** Either the database or an open transaction: repositories accept both. */
export type DbOrTx = Kysely<Database>;

export interface DatabaseHandle {
  db: Db;
  kind: DatabaseKind;
  describe: string;
  close(): Promise<void>;
  /** PostgreSQL: the pool's counts (for /api/metrics). */
  poolStats?: () => PoolStats;
  /** SQLite: the connection (for /api/metrics). */
  sqlite?: SQLite.Database;
}

export function openDatabase(url: string, options: DialectOptions = {}): DatabaseHandle {
  const setup = createDialect(url, options);
  const db = new Kysely<Database>({ dialect: setup.dialect });
  return {
    db,
    kind: setup.kind,
    describe: setup.describe,
    close: () => db.destroy(),
    ...(setup.poolStats ? { poolStats: setup.poolStats } : {}),
    ...(setup.sqlite ? { sqlite: setup.sqlite } : {}),
  };
}

/** The database the configuration names (DATABASE_URL, and DATABASE_SCHEMA on PostgreSQL). */
export function openConfiguredDatabase(config: {
  databaseUrl: string;
  databaseSchema: string | null;
}): DatabaseHandle & { schema: string | undefined } {
  const schema = config.databaseSchema ?? undefined;
  return { ...openDatabase(config.databaseUrl, { schema }), schema };
}
