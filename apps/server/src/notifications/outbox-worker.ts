import type { Db } from "../db/database.js";

export interface OutboxWorker {
  stop(): Promise<void>;
}

/** STUB — implemented by the notifications work (helper). */
export function startOutboxWorker(_db: Db, _options: { intervalMs?: number } = {}): OutboxWorker {
  return { stop: async () => {} };
}

/** STUB: delivers what is due now; returns how many messages were handled. */
export async function drainOutbox(_db: Db, _options: { limit?: number } = {}): Promise<number> {
  return 0;
}
