import { notificationParamsSchema } from "@estate-desk/domain";
import { z } from "zod";
import type { Db } from "../db/database.js";
import { nowIso } from "../http/clock.js";
import {
  DEFAULT_DELIVERERS,
  type Deliverer,
  type Deliverers,
  isNotificationChannel,
  type OutboxDelivery,
} from "./channels.js";
import { type ChannelConfig, createDeliverers } from "./deliverers.js";
import * as outbox from "./outbox.repository.js";

/** How long a claimed message stays leased to one worker before another may take it over. */
export const LEASE_MS = 60_000;
/** Retry delays double from here: 30 s, 1 min, 2 min, … */
export const BACKOFF_BASE_MS = 30_000;
export const BACKOFF_MAX_MS = 60 * 60_000;
/** After this many failed attempts a message is dead-lettered and no longer retried. */
export const MAX_ATTEMPTS = 8;
export const DEFAULT_BATCH = 50;
/** The longest one delivery may take (the SMTP and webhook timeouts): none starts with less lease left. */
export const MAX_DELIVERY_MS = 30_000;
const MAX_ERROR_LENGTH = 1000;

export interface DrainOptions {
  /** Most messages claimed in one call. */
  limit?: number;
  /** Replaces the deliverer of a channel (tests inject failing ones). */
  deliverers?: Deliverers;
  /** The clock, as an ISO-8601 UTC string (tests move it forward to reach retries). */
  now?: () => string;
}

/** The delay before the next try after `attempts` failed ones: 30 s × 2^(attempts−1), at most 1 h. */
export function backoffMs(attempts: number): number {
  return Math.min(BACKOFF_BASE_MS * 2 ** Math.max(0, attempts - 1), BACKOFF_MAX_MS);
}

const payloadSchema = z.object({
  caseId: z.string().nullable(),
  params: notificationParamsSchema,
  email: z.string().optional(),
  webhookId: z.string().optional(),
  recipient: z.object({ id: z.string(), name: z.string(), phone: z.string().nullable() }).nullable().optional(),
});

function toDelivery(row: outbox.OutboxRow): OutboxDelivery {
  const payload = payloadSchema.parse(JSON.parse(row.payload_json));
  return {
    id: row.id,
    orgId: row.org_id,
    channel: row.channel,
    topic: row.topic,
    recipientUserId: row.recipient_user_id,
    caseId: payload.caseId,
    params: payload.params,
    createdAt: row.created_at,
    attempts: row.attempts,
    email: payload.email,
    webhookId: payload.webhookId,
    recipient: payload.recipient,
  };
}

function delivererFor(deliverers: Deliverers, channel: string): Deliverer {
  const deliverer = isNotificationChannel(channel) ? deliverers[channel] : undefined;
  if (!deliverer) throw new Error(`no deliverer for channel ${channel}`);
  return deliverer;
}

function describeError(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.slice(0, MAX_ERROR_LENGTH);
}

/**
 * Delivers the messages that are due now, each through its channel's deliverer, and returns
 * how many it handled (delivered or failed; fewer than it claimed when slow channels used up
 * the lease). Safe to run from any number of processes at once: each message is leased to
 * one of them by an atomic claim.
 */
export async function drainOutbox(db: Db, options: DrainOptions = {}): Promise<number> {
  const clock = options.now ?? nowIso;
  const deliverers: Deliverers = { ...DEFAULT_DELIVERERS, ...options.deliverers };
  const now = clock();
  const lease = new Date(Date.parse(now) + LEASE_MS).toISOString();
  const claimed = await outbox.claimDueMessages(db, now, lease, options.limit ?? DEFAULT_BATCH);
  // One by one: a batch is small, and on SQLite every write takes the single write lock anyway.
  let handled = 0;
  for (const row of claimed) {
    if (Date.parse(clock()) > Date.parse(lease) - MAX_DELIVERY_MS) {
      // Slow channels used up the lease: hand the rest back rather than deliver them while
      // another worker may already be taking them over (which would send them twice).
      await outbox.releaseLeases(
        db,
        claimed.slice(handled).map((rest) => rest.id),
        lease,
      );
      break;
    }
    handled++;
    try {
      const message = toDelivery(row);
      await delivererFor(deliverers, row.channel)(message, { db, now: clock() });
      await outbox.markDelivered(db, row.id, lease, clock());
    } catch (error) {
      const failedAt = clock();
      const attempts = row.attempts + 1;
      await outbox.markFailed(db, row.id, lease, {
        attempts,
        lastError: describeError(error),
        retryAt: attempts >= MAX_ATTEMPTS ? null : new Date(Date.parse(failedAt) + backoffMs(attempts)).toISOString(),
        now: failedAt,
      });
    }
  }
  return handled;
}

export interface OutboxLogger {
  error(obj: unknown, msg: string): void;
}

export interface OutboxWorkerOptions {
  /** Pause between runs when the outbox is drained. */
  intervalMs?: number;
  limit?: number;
  /** The configuration to build every channel's deliverer from, once for the worker's lifetime. */
  config?: ChannelConfig;
  /** Replaces the deliverer of a channel (tests). */
  deliverers?: Deliverers;
  /** Where failed runs are reported (pino's signature, e.g. `app.log`). */
  logger?: OutboxLogger;
}

export interface OutboxWorker {
  /** Stops the loop and resolves once the run in progress, if any, has finished. */
  stop(): Promise<void>;
}

/**
 * Drains the outbox in a loop of timeouts, never two runs at once in this process. Runs in
 * every server instance: the claim in drainOutbox keeps them from delivering a message twice.
 */
export function startOutboxWorker(db: Db, options: OutboxWorkerOptions = {}): OutboxWorker {
  const intervalMs = options.intervalMs ?? 1000;
  const limit = options.limit ?? DEFAULT_BATCH;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;
  const channels = options.config ? createDeliverers(options.config) : undefined;
  const deliverers: Deliverers = { ...channels?.deliverers, ...options.deliverers };

  const run = async (): Promise<number> => {
    try {
      return await drainOutbox(db, { limit, deliverers });
    } catch (error) {
      options.logger?.error({ err: error }, "outbox drain failed");
      return 0;
    }
  };

  const schedule = (delayMs: number): void => {
    if (stopped) return;
    timer = setTimeout(() => {
      running = run().then((handled) => {
        running = undefined;
        // A full batch means more may be waiting: go on at once rather than after a pause.
        schedule(handled >= limit ? 0 : intervalMs);
      });
    }, delayMs);
    // The worker alone must not keep the process alive.
    timer.unref();
  };

  schedule(0);
  return {
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
      channels?.close();
    },
  };
}
