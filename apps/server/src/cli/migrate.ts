/** `npm run migrate`: applies pending migrations to the configured database and exits. */
import { loadConfig } from "../config.js";
import { openConfiguredDatabase } from "../db/database.js";
import { migrateToLatest } from "../db/migrate.js";

const config = loadConfig();
const database = openConfiguredDatabase(config);
try {
  const applied = await migrateToLatest(database.db, database.schema);
  console.log(applied.length ? `applied: ${applied.join(", ")}` : "database is up to date");
  console.log(`database: ${database.describe}`);
} finally {
  await database.close();
}
