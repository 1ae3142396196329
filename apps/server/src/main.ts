import { buildApp } from "./app.js";
import { callbackPlanJob, callbackRatesJob, callbackRepliesJob } from "./callbacks/callback-jobs.js";
import { complaintDeadlinesJob } from "./complaints/deadline-escalation.js";
import { loadConfig } from "./config.js";
import { openConfiguredDatabase } from "./db/database.js";
import { migrateToLatest } from "./db/migrate.js";
import { DEMO_ACCOUNTS, DEMO_PASSWORD, loadDemoDataIfEmpty } from "./demo/demo-data.js";
import { nonconformityEscalationJob } from "./nonconformities/nonconformity-escalation.js";
import { startOutboxWorker } from "./notifications/outbox-worker.js";
import { anonymiseDepartedResidentsJob, handoverReminderJob } from "./records/records-jobs.js";
import { startScheduler } from "./scheduler/scheduler.js";
import { monthlyReportJob } from "./stats/monthly-reports.js";
import { repairDeadlinesJob } from "./work-orders/repair-deadlines.js";
import { repairPoolExpiryJob } from "./work-orders/repair-dispatch.service.js";

const config = loadConfig();
const database = openConfiguredDatabase(config);
const applied = await migrateToLatest(database.db, database.schema);
const app = await buildApp({ config, database });
if (applied.length > 0) app.log.info({ migrations: applied }, "migrations applied");

let demoLoaded = false;
if (config.loadDemoData) demoLoaded = await loadDemoDataIfEmpty(database.db);

await app.listen({ port: config.port, host: config.host });
const outboxWorker = startOutboxWorker(database.db, { logger: app.log, config });
// Every instance schedules the jobs; a lease row in the database lets one run each period.
const scheduledJobs = [
  complaintDeadlinesJob,
  repairDeadlinesJob,
  repairPoolExpiryJob,
  callbackPlanJob,
  callbackRepliesJob,
  callbackRatesJob,
  nonconformityEscalationJob,
  handoverReminderJob,
  anonymiseDepartedResidentsJob,
  monthlyReportJob,
];
const scheduler = config.scheduler
  ? startScheduler(database.db, scheduledJobs, { logger: app.log, fast: config.schedulerFast })
  : undefined;

const url = `http://localhost:${config.port}`;
const lines = [
  "",
  `  Estate Desk 物业服务台 is running at ${url}`,
  `  database: ${database.describe}`,
  `  API documentation: ${url}/api/docs`,
];
if (config.loadDemoData) {
  lines.push(
    `  demo data: ${demoLoaded ? "loaded now" : "present"}; every demo account's password is ${DEMO_PASSWORD}`,
  );
  for (const account of DEMO_ACCOUNTS) lines.push(`    ${account.username.padEnd(14)} ${account.description}`);
} else {
  lines.push(`  no demo data: open ${url} to create the first administrator if none exists yet`);
}
console.log(`${lines.join("\n")}\n`);

async function shutdown(signal: string): Promise<void> {
  app.log.info({ signal }, "shutting down");
  await scheduler?.stop();
  await outboxWorker.stop();
  await app.close();
  await database.close();
  process.exit(0);
}
process.once("SIGINT", () => void shutdown("SIGINT"));
process.once("SIGTERM", () => void shutdown("SIGTERM"));
