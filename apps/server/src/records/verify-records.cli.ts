/**
 * `npm run verify-records`: proves every organisation's audit chain intact or names the first
 * broken entry. Works on the configured database (DATABASE_URL: a SQLite file or
 * PostgreSQL). Exit code 0 when every chain is intact, 2 when one is broken.
 */
import { loadConfig } from "../config.js";
import { openConfiguredDatabase } from "../db/database.js";
import { verifyAllAuditChains } from "./audit-chain-verify.js";

const config = loadConfig();
const database = openConfiguredDatabase(config);
let broken = 0;
try {
  const results = await verifyAllAuditChains(database.db);
  for (const result of results) {
    if (result.intact) {
      console.log(`org ${result.orgId}: intact, ${result.entries} entries, last hash ${result.lastHash}`);
    } else {
      broken += 1;
      const at = result.firstBreak;
      console.log(
        `org ${result.orgId}: BROKEN after ${result.entries} good entries — first broken entry ${at?.entryId ?? "(end of chain)"} (position ${at?.seq ?? "?"}, ${at?.reason})`,
      );
    }
  }
  console.log(`database: ${database.describe}; ${results.length} organisation(s), ${broken} broken chain(s)`);
} finally {
  await database.close();
}
process.exitCode = broken > 0 ? 2 : 0;
