/**
 * Bulk writers for the volume generator: rows go in large transactions, bypassing Kysely
 * (whose per-statement overhead would dominate a million-case load).
 *
 * SQLite: one prepared INSERT per table and column list, run row by row inside a
 * transaction committed every `flush()` — better-sqlite3 runs these at native speed.
 * PostgreSQL: one `INSERT … SELECT * FROM unnest($1::type[], …)` per table and batch, the
 * column types read from information_schema, so a batch of thousands of rows is one
 * statement with one parameter per column.
 */
import type SQLite from "better-sqlite3";
import type pg from "pg";

export type Row = Record<string, unknown>;

/**
 * Secondary indexes are dropped before the load and built again after it: one sort per index
 * instead of millions of random insertions. Unique and primary-key indexes stay (they back
 * constraints), so duplicates are still refused during the load.
 */
export interface IndexDefinitions {
  drop(): Promise<void>;
  restore(): Promise<void>;
}

export function sqliteSecondaryIndexes(database: SQLite.Database): IndexDefinitions {
  const indexes = database
    .prepare(
      "select name, sql from sqlite_master where type = 'index' and sql is not null and sql not like 'create unique%' collate nocase",
    )
    .all() as { name: string; sql: string }[];
  return {
    async drop() {
      for (const index of indexes) database.exec(`drop index ${index.name}`);
    },
    async restore() {
      for (const index of indexes) database.exec(index.sql);
    },
  };
}

export async function postgresSecondaryIndexes(client: pg.Client): Promise<IndexDefinitions> {
  const { rows } = await client.query<{ indexname: string; indexdef: string }>(
    `select i.indexname, i.indexdef from pg_indexes i
      where i.schemaname = current_schema()
        and not exists (select 1 from pg_constraint c where c.conname = i.indexname and c.connamespace = current_schema()::regnamespace)
        and i.indexdef not like 'CREATE UNIQUE%'`,
  );
  return {
    async drop() {
      for (const index of rows) await client.query(`drop index ${index.indexname}`);
    },
    async restore() {
      for (const index of rows) await client.query(index.indexdef);
    },
  };
}

export interface BulkSink {
  readonly kind: "sqlite" | "postgres";
  /** Queues rows for a table; all rows of one call must have the same keys. */
  insert(table: string, rows: Row[]): void;
  /** Writes the queued rows in one transaction. */
  flush(): Promise<void>;
  readonly secondaryIndexes: IndexDefinitions;
  close(): Promise<void>;
}

/**
 * Rows waiting for the next flush, grouped by table in the order the tables were first
 * queued: parents (cases) are always queued before their children (events), so foreign
 * keys hold statement by statement.
 */
class TableQueue {
  private tables = new Map<string, Row[]>();

  add(table: string, rows: Row[]): void {
    if (rows.length === 0) return;
    const queued = this.tables.get(table);
    if (queued) for (const row of rows) queued.push(row);
    else this.tables.set(table, [...rows]);
  }

  take(): [string, Row[]][] {
    const batches = [...this.tables];
    this.tables = new Map();
    return batches;
  }
}

export function sqliteSink(database: SQLite.Database): BulkSink {
  const statements = new Map<string, SQLite.Statement>();
  const queued = new TableQueue();
  const statementFor = (table: string, columns: string[]) => {
    const key = `${table}(${columns.join(",")})`;
    let statement = statements.get(key);
    if (!statement) {
      statement = database.prepare(
        `insert into ${table} (${columns.join(", ")}) values (${columns.map(() => "?").join(", ")})`,
      );
      statements.set(key, statement);
    }
    return statement;
  };
  const writeAll = database.transaction((batches: [string, Row[]][]) => {
    for (const [table, rows] of batches) {
      const first = rows[0];
      if (!first) continue;
      const columns = Object.keys(first);
      const statement = statementFor(table, columns);
      const values: unknown[] = new Array(columns.length);
      for (const row of rows) {
        for (let c = 0; c < columns.length; c++) values[c] = row[columns[c] as string];
        statement.run(values);
      }
    }
  });
  return {
    kind: "sqlite",
    secondaryIndexes: sqliteSecondaryIndexes(database),
    insert: (table, rows) => queued.add(table, rows),
    async flush() {
      writeAll(queued.take());
    },
    async close() {
      database.close();
    },
  };
}

const PG_BATCH_ROWS = 5_000;

export async function postgresSink(client: pg.Client): Promise<BulkSink> {
  const columnTypes = new Map<string, Map<string, string>>();
  const { rows: columns } = await client.query<{ table_name: string; column_name: string; udt_name: string }>(
    "select table_name, column_name, udt_name from information_schema.columns where table_schema = current_schema()",
  );
  for (const column of columns) {
    const types = columnTypes.get(column.table_name) ?? new Map<string, string>();
    types.set(column.column_name, column.udt_name);
    columnTypes.set(column.table_name, types);
  }
  const queued = new TableQueue();
  const insertBatch = async (table: string, rows: Row[]) => {
    const first = rows[0];
    if (!first) return;
    const names = Object.keys(first);
    const types = columnTypes.get(table);
    if (!types) throw new Error(`no table ${table} in the current schema`);
    const casts = names.map((name, index) => {
      const type = types.get(name);
      if (!type) throw new Error(`no column ${table}.${name}`);
      return `$${index + 1}::${type}[]`;
    });
    const values = names.map((name) => rows.map((row) => row[name] ?? null));
    await client.query(`insert into ${table} (${names.join(", ")}) select * from unnest(${casts.join(", ")})`, values);
  };
  const secondaryIndexes = await postgresSecondaryIndexes(client);
  return {
    kind: "postgres",
    secondaryIndexes,
    insert: (table, rows) => queued.add(table, rows),
    async flush() {
      const batches = queued.take();
      await client.query("begin");
      for (const [table, rows] of batches) {
        const started = Date.now();
        for (let i = 0; i < rows.length; i += PG_BATCH_ROWS) await insertBatch(table, rows.slice(i, i + PG_BATCH_ROWS));
        if (process.env.BENCH_DEBUG) console.log(`    ${table}: ${rows.length} rows in ${Date.now() - started} ms`);
      }
      await client.query("commit");
    },
    async close() {
      await client.end();
    },
  };
}
