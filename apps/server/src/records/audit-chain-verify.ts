/**
 * Proves an organisation's audit chain intact or names the first entry that breaks it
 * . Walks the chain in order of position, page by page so a long log is never held
 * in memory, and checks for each entry: its position follows the one before (nothing removed
 * or inserted), it points at the previous entry's hash, and its own hash matches its fields.
 * Finally the chain head must name the last entry (nothing cut off the end).
 */
import { entryHash, GENESIS_HASH } from "../audit/audit-chain.js";
import type { DbOrTx } from "../db/database.js";

export type ChainBreakReason =
  /** An entry written around the chain (no position or hash). */
  | "unchained"
  /** A position is missing: an entry was removed, or positions were changed. */
  | "gap"
  /** The entry does not point at the hash of the entry before it. */
  | "previous_hash_mismatch"
  /** The entry's fields no longer give its recorded hash: it was changed. */
  | "hash_mismatch"
  /** The chain head names a later or different last entry: entries were cut off the end. */
  | "head_mismatch";

export interface ChainBreak {
  /** The first entry that does not fit; null when the break is at the end (head_mismatch). */
  entryId: string | null;
  seq: number | null;
  at: string | null;
  reason: ChainBreakReason;
}

export interface ChainVerification {
  orgId: string;
  intact: boolean;
  entries: number;
  lastHash: string;
  firstBreak: ChainBreak | null;
}

const PAGE = 1000;

export async function verifyAuditChain(db: DbOrTx, orgId: string): Promise<ChainVerification> {
  const unchained = await db
    .selectFrom("audit_log")
    .select(["id", "at"])
    .where("org_id", "=", orgId)
    .where((eb) => eb.or([eb("chain_seq", "is", null), eb("entry_hash", "is", null), eb("prev_hash", "is", null)]))
    .orderBy("at")
    .orderBy("id")
    .executeTakeFirst();
  let expectedSeq = 1;
  let previousHash = GENESIS_HASH;
  let checked = 0;
  let firstBreak: ChainBreak | null = null;
  for (;;) {
    const rows = await db
      .selectFrom("audit_log")
      .selectAll()
      .where("org_id", "=", orgId)
      .where("chain_seq", ">=", expectedSeq)
      .orderBy("chain_seq")
      .limit(PAGE)
      .execute();
    for (const row of rows) {
      const seq = Number(row.chain_seq);
      const where = { entryId: row.id, seq, at: row.at };
      if (seq !== expectedSeq) {
        firstBreak = { ...where, reason: "gap" };
      } else if (row.prev_hash !== previousHash) {
        firstBreak = { ...where, reason: "previous_hash_mismatch" };
      } else if (entryHash({ ...row, chain_seq: seq }, previousHash) !== row.entry_hash) {
        firstBreak = { ...where, reason: "hash_mismatch" };
      }
      if (firstBreak) break;
      checked += 1;
      expectedSeq += 1;
      previousHash = row.entry_hash as string;
    }
    if (firstBreak || rows.length < PAGE) break;
  }
  if (!firstBreak && unchained) {
    firstBreak = { entryId: unchained.id, seq: null, at: unchained.at, reason: "unchained" };
  }
  if (!firstBreak) {
    const head = await db
      .selectFrom("audit_chain_heads")
      .select(["last_seq", "last_hash"])
      .where("org_id", "=", orgId)
      .executeTakeFirst();
    const headSeq = head ? Number(head.last_seq) : 0;
    const headHash = head ? head.last_hash : GENESIS_HASH;
    if (headSeq !== checked || headHash !== previousHash) {
      firstBreak = { entryId: null, seq: headSeq, at: null, reason: "head_mismatch" };
    }
  }
  return { orgId, intact: firstBreak === null, entries: checked, lastHash: previousHash, firstBreak };
}

/** Every organisation's chain, for the command line. */
export async function verifyAllAuditChains(db: DbOrTx): Promise<ChainVerification[]> {
  const orgs = await db.selectFrom("organisations").select("id").orderBy("id").execute();
  const results: ChainVerification[] = [];
  for (const org of orgs) results.push(await verifyAuditChain(db, org.id));
  return results;
}
