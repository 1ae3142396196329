import type { AuditEntry } from "@estate-desk/domain";
import type { RequestContext } from "../auth/actor.js";
import type { DbOrTx } from "../db/database.js";
import { nowIso } from "../http/clock.js";
import { newId } from "../http/ids.js";
import { entryHash, GENESIS_HASH } from "./audit-chain.js";

export interface AuditEntryInput {
  action: string;
  entityType: string;
  entityId: string;
  before?: unknown;
  after?: unknown;
}

/**
 * Writes one audit entry. Call it inside the transaction of the change it records, so that
 * a change and its audit entry commit or fail together.
 *
 * The entry is appended to its organisation's hash chain: the upsert on the
 * organisation's chain-head row creates it or, on PostgreSQL, locks it until the transaction
 * ends, so two transactions can never both chain onto the same previous entry; SQLite runs one
 * writer at a time anyway. The cost per write is that one indexed row upsert and its update.
 */
export async function recordAudit(
  tx: DbOrTx,
  context: Pick<RequestContext, "requestId" | "ip"> & { actor: { userId: string | null; orgId: string } },
  entry: AuditEntryInput,
): Promise<void> {
  if (!tx.isTransaction) {
    // The head lock only holds inside a transaction; a caller outside one gets its own.
    await tx.transaction().execute((inner) => recordAudit(inner, context, entry));
    return;
  }
  const orgId = context.actor.orgId;
  const head = await tx
    .insertInto("audit_chain_heads")
    .values({ org_id: orgId, last_seq: 0, last_hash: GENESIS_HASH })
    // A no-op update of an existing head takes its row lock and returns it.
    .onConflict((conflict) => conflict.column("org_id").doUpdateSet((eb) => ({ org_id: eb.ref("excluded.org_id") })))
    .returning(["last_seq", "last_hash"])
    .executeTakeFirstOrThrow();
  const fields = {
    id: newId(),
    org_id: orgId,
    chain_seq: Number(head.last_seq) + 1,
    at: nowIso(),
    actor_id: context.actor.userId,
    action: entry.action,
    entity_type: entry.entityType,
    entity_id: entry.entityId,
    before_json: entry.before === undefined ? null : JSON.stringify(entry.before),
    after_json: entry.after === undefined ? null : JSON.stringify(entry.after),
    request_id: context.requestId,
    ip: context.ip,
  };
  const hash = entryHash(fields, head.last_hash);
  await tx
    .insertInto("audit_log")
    .values({ ...fields, prev_hash: head.last_hash, entry_hash: hash })
    .execute();
  await tx
    .updateTable("audit_chain_heads")
    .set({ last_seq: fields.chain_seq, last_hash: hash })
    .where("org_id", "=", orgId)
    .execute();
}

export async function listAuditEntries(
  db: DbOrTx,
  orgId: string,
  entityType: string,
  entityId: string,
): Promise<AuditEntry[]> {
  const rows = await db
    .selectFrom("audit_log")
    .leftJoin("users", "users.id", "audit_log.actor_id")
    .select([
      "audit_log.id",
      "audit_log.at",
      "audit_log.actor_id",
      "users.display_name as actor_name",
      "audit_log.action",
      "audit_log.entity_type",
      "audit_log.entity_id",
      "audit_log.before_json",
      "audit_log.after_json",
    ])
    .where("audit_log.org_id", "=", orgId)
    .where("audit_log.entity_type", "=", entityType)
    .where("audit_log.entity_id", "=", entityId)
    .orderBy("audit_log.at")
    .orderBy("audit_log.id")
    .execute();
  return rows.map((row) => ({
    id: row.id,
    at: row.at,
    actorId: row.actor_id,
    actorName: row.actor_name,
    action: row.action,
    entityType: row.entity_type,
    entityId: row.entity_id,
    before: row.before_json === null ? null : JSON.parse(row.before_json),
    after: row.after_json === null ? null : JSON.parse(row.after_json),
  }));
}
