/**
 * The audit log is hash-chained per organisation (R-4.12.3, audit/audit-chain.ts): generated
 * entries are chained exactly as `recordAudit` chains them, in the order the parts write
 * them, so that `npm run verify-records` proves a generated database intact and the server
 * carries the chain on from its head.
 */
import { entryHash, GENESIS_HASH } from "../../apps/server/src/audit/audit-chain.js";
import type { BulkSink, Row } from "./sink.js";

export function chainedAuditSink(inner: BulkSink): BulkSink & { writeChainHeads(): void } {
  const heads = new Map<string, { seq: number; hash: string }>();
  const chain = (rows: Row[]): Row[] =>
    rows.map((row) => {
      const orgId = row.org_id as string;
      const head = heads.get(orgId) ?? { seq: 0, hash: GENESIS_HASH };
      const entry = {
        id: row.id as string,
        org_id: orgId,
        chain_seq: head.seq + 1,
        at: row.at as string,
        actor_id: (row.actor_id as string | null) ?? null,
        action: row.action as string,
        entity_type: row.entity_type as string,
        entity_id: row.entity_id as string,
        before_json: (row.before_json as string | null) ?? null,
        after_json: (row.after_json as string | null) ?? null,
        request_id: (row.request_id as string | null) ?? null,
        ip: (row.ip as string | null) ?? null,
      };
      const hash = entryHash(entry, head.hash);
      heads.set(orgId, { seq: entry.chain_seq, hash });
      return { ...row, chain_seq: entry.chain_seq, prev_hash: head.hash, entry_hash: hash };
    });
  return {
    get kind() {
      return inner.kind;
    },
    get secondaryIndexes() {
      return inner.secondaryIndexes;
    },
    insert(table, rows) {
      inner.insert(table, table === "audit_log" ? chain(rows) : rows);
    },
    flush: () => inner.flush(),
    close: () => inner.close(),
    writeChainHeads() {
      inner.insert(
        "audit_chain_heads",
        [...heads].map(([orgId, head]) => ({ org_id: orgId, last_seq: head.seq, last_hash: head.hash })),
      );
    },
  };
}
