/**
 * `npm run demo:reset`: deletes every record and loads the demo management centre again.
 * Refused under NODE_ENV=production unless `--force` is given: it destroys real data.
 */
import { loadConfig } from "../config.js";
import { openConfiguredDatabase } from "../db/database.js";
import { migrateToLatest, migrateToNothing } from "../db/migrate.js";
import { DEMO_ACCOUNTS, DEMO_PASSWORD, loadDemoDataIfEmpty } from "../demo/demo-data.js";

const config = loadConfig();
if (config.production && !process.argv.includes("--force")) {
  console.error("Refusing to reset a production database (NODE_ENV=production). Pass --force if you mean it.");
  process.exit(1);
}
const database = openConfiguredDatabase(config);
try {
  await migrateToNothing(database.db, database.schema);
  await migrateToLatest(database.db, database.schema);
  await loadDemoDataIfEmpty(database.db);
  console.log(`demo data reloaded into ${database.describe}`);
  console.log(`accounts (password ${DEMO_PASSWORD}): ${DEMO_ACCOUNTS.map((a) => a.username).join(", ")}`);
} finally {
  await database.close();
}
