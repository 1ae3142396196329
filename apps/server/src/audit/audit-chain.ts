/**
 * The hash chain of the audit log (R-4.12.3, QP-02 "protected from change"): every entry of an
 * organisation carries its position in the organisation's chain, the hash of the entry before
 * it and its own hash, SHA-256 over a canonical serialisation of its fields and that previous
 * hash. Changing, removing or inserting an entry anywhere breaks the chain from there on, and
 * `verifyAuditChain` (records/verify-records.ts) names the first entry that no longer fits.
 *
 * The migration that chains existing rows, the writer and the verifier all use this one
 * function, so the three can never disagree about what is hashed.
 */
import { createHash } from "node:crypto";

/** The hash the first entry of every chain points back to. */
export const GENESIS_HASH = "0".repeat(64);

export interface ChainedFields {
  id: string;
  org_id: string;
  chain_seq: number;
  at: string;
  actor_id: string | null;
  action: string;
  entity_type: string;
  entity_id: string;
  before_json: string | null;
  after_json: string | null;
  request_id: string | null;
  ip: string | null;
}

/**
 * Values exactly as either database gives them back: PostgreSQL stores uuids and timestamps in
 * its own types and returns them lower-cased and (via dialect.ts) as `toISOString()`, so the
 * hash is taken over that form on both databases.
 */
function canonicalInstant(value: string): string {
  const time = Date.parse(value);
  return Number.isNaN(time) ? value : new Date(time).toISOString();
}
function canonicalId(value: string | null): string | null {
  return value === null ? null : value.toLowerCase();
}

/** The canonical serialisation: a JSON array in a fixed field order (no key-order ambiguity). */
export function canonicalEntry(entry: ChainedFields, prevHash: string): string {
  return JSON.stringify([
    "audit-v1",
    canonicalId(entry.id),
    canonicalId(entry.org_id),
    Number(entry.chain_seq),
    canonicalInstant(entry.at),
    canonicalId(entry.actor_id),
    entry.action,
    entry.entity_type,
    canonicalId(entry.entity_id),
    entry.before_json,
    entry.after_json,
    entry.request_id,
    entry.ip,
    prevHash,
  ]);
}

export function entryHash(entry: ChainedFields, prevHash: string): string {
  return createHash("sha256").update(canonicalEntry(entry, prevHash), "utf8").digest("hex");
}
