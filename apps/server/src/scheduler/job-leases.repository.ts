import type { Selectable } from "kysely";
import type { DbOrTx } from "../db/database.js";
import type { JobLeaseTable } from "../db/schema.js";

export type JobLeaseRow = Selectable<JobLeaseTable>;

/**
 * Takes the lease of a job if nobody holds it now: the row is created once (a racing insert
 * does nothing), then a single conditional UPDATE claims it. Both databases apply the UPDATE
 * atomically per row, so of N instances ticking at once exactly one gets a row back.
 * Returns the run number, or undefined when another holder has the lease.
 */
export async function tryTakeLease(
  db: DbOrTx,
  lease: { jobName: string; holder: string; now: string; leaseUntil: string },
): Promise<number | undefined> {
  await db
    .insertInto("job_leases")
    .values({ job_name: lease.jobName, holder: null, lease_until: null, run_count: 0 })
    .onConflict((oc) => oc.column("job_name").doNothing())
    .execute();
  const taken = await db
    .updateTable("job_leases")
    .set((eb) => ({
      holder: lease.holder,
      lease_until: lease.leaseUntil,
      last_started_at: lease.now,
      run_count: eb("run_count", "+", 1),
    }))
    .where("job_name", "=", lease.jobName)
    .where((eb) => eb.or([eb("lease_until", "is", null), eb("lease_until", "<", lease.now)]))
    .returning("run_count")
    .executeTakeFirst();
  return taken?.run_count;
}

/**
 * Records how a run ended and sets how long the lease still stands (to the end of the period,
 * so that a slower instance ticking for the same period does not run it again). Only while
 * the lease is still ours: a run that outlived its lease must not overwrite a newer holder's row.
 */
export async function finishRun(
  db: DbOrTx,
  run: { jobName: string; holder: string; finishedAt: string; leaseUntil: string; error: string | null },
): Promise<void> {
  await db
    .updateTable("job_leases")
    .set({ last_finished_at: run.finishedAt, last_error: run.error, lease_until: run.leaseUntil })
    .where("job_name", "=", run.jobName)
    .where("holder", "=", run.holder)
    .execute();
}

export async function listLeases(db: DbOrTx): Promise<JobLeaseRow[]> {
  return db.selectFrom("job_leases").selectAll().orderBy("job_name").execute();
}
