/**
 * Scheduled jobs (architecture: "croner in-process, each run guarded by a lease row in the
 * database so that with N instances each job runs once"). Every server instance runs the
 * same schedule; at each tick an instance first takes the job's row in `job_leases` by an
 * atomic conditional UPDATE, and only the instance that got it runs the job for that period.
 * Issue #4 item 6 needs this for deadline evaluation: "correct with several server
 * instances (runs once)". Nothing here is process-local state another instance would need.
 */
import { randomBytes } from "node:crypto";
import os from "node:os";
import { Cron } from "croner";
import type { Db } from "../db/database.js";
import * as leases from "./job-leases.repository.js";

export interface ScheduledJob {
  /** Unique across the application: the key of its lease row. */
  name: string;
  /** A croner pattern: 5 fields (minute precision) or 6 (with seconds), in UTC. */
  cron: string;
  /** One run; `now` is the instant the run started, as an ISO-8601 UTC string. */
  run(db: Db, now: string): Promise<unknown>;
  /**
   * How long a run may hold the lease before another instance may start one (after a crash,
   * say). Default 5 minutes. A job must stay correct if a run outlives it.
   */
  maxRunMs?: number;
}

export interface SchedulerLogger {
  error(obj: unknown, msg: string): void;
  debug?(obj: unknown, msg: string): void;
}

export interface SchedulerOptions {
  logger?: SchedulerLogger;
  /** Who this process is in `job_leases.holder`. Default `host:pid:random`. */
  holder?: string;
  /** Tests (SCHEDULER_FAST): every job every 2 seconds instead of its own pattern. */
  fast?: boolean;
}

export interface Scheduler {
  /** Stops the timers and resolves once the runs in progress have finished. */
  stop(): Promise<void>;
}

export const FAST_CRON = "*/2 * * * * *";
const DEFAULT_MAX_RUN_MS = 5 * 60_000;
/**
 * The lease of a period ends this much before the next tick, so that the next tick finds it
 * free even if croner fires a little early; at most half a period.
 */
const PERIOD_MARGIN_MS = 1000;
const MAX_ERROR_LENGTH = 1000;

export function defaultHolder(): string {
  return `${os.hostname()}:${process.pid}:${randomBytes(3).toString("hex")}`;
}

/** The message only: operators read it over the API; the full error with its stack goes to the log. */
function describeError(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.slice(0, MAX_ERROR_LENGTH);
}

/** When the lease of the period that starts at `started` ends: shortly before the next tick. */
function periodEnd(started: number, nextRun: Date | null): number {
  if (nextRun === null) return started;
  const next = nextRun.getTime();
  return next - Math.min(PERIOD_MARGIN_MS, Math.max(0, (next - started) / 2));
}

export function startScheduler(db: Db, jobs: readonly ScheduledJob[], options: SchedulerOptions = {}): Scheduler {
  const holder = options.holder ?? defaultHolder();
  const logger = options.logger;
  const inProgress = new Map<string, Promise<void>>();
  let stopped = false;

  async function runOnce(job: ScheduledJob, nextRun: Date | null): Promise<void> {
    const started = Date.now();
    const now = new Date(started).toISOString();
    const endOfPeriod = periodEnd(started, nextRun);
    try {
      const runNumber = await leases.tryTakeLease(db, {
        jobName: job.name,
        holder,
        now,
        // While running, the lease covers the run (a crashed holder frees it after maxRunMs).
        leaseUntil: new Date(Math.max(endOfPeriod, started + (job.maxRunMs ?? DEFAULT_MAX_RUN_MS))).toISOString(),
      });
      if (runNumber === undefined) return; // another instance runs this period
      let error: string | null = null;
      try {
        const result = await job.run(db, now);
        logger?.debug?.({ job: job.name, run: runNumber, result, ms: Date.now() - started }, "scheduled job ran");
      } catch (failure) {
        error = describeError(failure);
        logger?.error({ err: failure, job: job.name, run: runNumber }, "scheduled job failed");
      }
      const finished = Date.now();
      await leases.finishRun(db, {
        jobName: job.name,
        holder,
        finishedAt: new Date(finished).toISOString(),
        // Held to the end of the period: an instance ticking late for this period finds it taken.
        leaseUntil: new Date(Math.max(endOfPeriod, finished)).toISOString(),
        error,
      });
    } catch (failure) {
      // The database itself failed (lease or bookkeeping): try again at the next tick.
      logger?.error({ err: failure, job: job.name }, "scheduled job could not run");
    }
  }

  const crons = jobs.map((job) => {
    const cron: Cron = new Cron(options.fast ? FAST_CRON : job.cron, { timezone: "UTC", unref: true }, () => {
      // Never two runs of a job at once in this process: a tick during a run is skipped.
      if (stopped || inProgress.has(job.name)) return;
      const run = runOnce(job, cron.nextRun()).finally(() => inProgress.delete(job.name));
      inProgress.set(job.name, run);
    });
    return cron;
  });

  return {
    async stop() {
      stopped = true;
      for (const cron of crons) cron.stop();
      await Promise.all(inProgress.values());
    },
  };
}
