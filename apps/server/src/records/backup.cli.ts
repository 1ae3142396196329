/**
 * `npm run backup -- --out FILE`: an online, consistent backup of the configured database
 * (DATABASE_URL, DATABASE_SCHEMA) while the server keeps running. See records/backup.ts.
 */
import { loadConfig } from "../config.js";
import { backupDatabase } from "./backup.js";

const args = process.argv.slice(2);
const outIndex = args.indexOf("--out");
const out = outIndex >= 0 ? args[outIndex + 1] : undefined;
if (!out) {
  console.error("usage: npm run backup -- --out FILE");
  process.exit(1);
}
const config = loadConfig();
const invokedFrom = process.env.INIT_CWD || process.cwd();
const file = (await import("node:path")).resolve(invokedFrom, out);
await backupDatabase({ url: config.databaseUrl, schema: config.databaseSchema ?? undefined }, file);
console.log(
  `backup of ${config.databaseUrl.startsWith("sqlite:") ? config.databaseUrl : "postgres"} written to ${file}`,
);
