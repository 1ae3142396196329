/** The scheduled jobs of records control (issue #8): listed in main.ts, run once per period by lease. */
import type { ScheduledJob } from "../scheduler/scheduler.js";
import { remindHandovers } from "./handover.js";
import { anonymiseDepartedResidents } from "./privacy.service.js";

/**
 * Daily at 09:00 China time: a few working days before month end, customer service is reminded
 * of the monthly handover — once per organisation and month (marker row).
 */
export const handoverReminderJob: ScheduledJob = {
  name: "records.handover-reminder",
  cron: "0 1 * * *",
  run: (db, now) => remindHandovers(db, now),
};

/** Nightly: anonymises departed residents whose retention period has passed (PIPL). */
export const anonymiseDepartedResidentsJob: ScheduledJob = {
  name: "records.anonymise-departed-residents",
  cron: "30 18 * * *",
  maxRunMs: 30 * 60_000,
  run: (db, now) => anonymiseDepartedResidents(db, now),
};
