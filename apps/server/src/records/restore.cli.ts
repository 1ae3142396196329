/**
 * `npm run restore -- FILE [--force]`: puts a backup made by `npm run backup` into the
 * configured database. Refuses a database that holds data unless `--force`. Stop the server
 * first; afterwards the audit chain of the restored data is verified.
 */
import path from "node:path";
import { loadConfig } from "../config.js";
import { openConfiguredDatabase } from "../db/database.js";
import { verifyAllAuditChains } from "./audit-chain-verify.js";
import { RestoreRefused, restoreDatabase } from "./backup.js";

const args = process.argv.slice(2);
const force = args.includes("--force");
const fileArg = args.find((arg) => !arg.startsWith("--"));
if (!fileArg) {
  console.error("usage: npm run restore -- FILE [--force]");
  process.exit(1);
}
const config = loadConfig();
const file = path.resolve(process.env.INIT_CWD || process.cwd(), fileArg);
try {
  await restoreDatabase({ url: config.databaseUrl, schema: config.databaseSchema ?? undefined }, file, { force });
} catch (error) {
  if (error instanceof RestoreRefused) {
    console.error(`restore refused: ${error.message}`);
    process.exit(3);
  }
  throw error;
}
const database = openConfiguredDatabase(config);
try {
  const chains = await verifyAllAuditChains(database.db);
  const broken = chains.filter((chain) => !chain.intact).length;
  console.log(
    `restored ${file} into ${database.describe}; audit chains: ${chains.length - broken} intact, ${broken} broken`,
  );
} finally {
  await database.close();
}
