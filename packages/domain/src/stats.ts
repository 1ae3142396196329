/**
 * Statistics and analysis for QA and management (issue #8 item 3, R-4.12.1, §5.0). Every
 * figure is computed in SQL over the cases received in a period and can be drilled into: the
 * same filters plus a `figure` name the list of cases behind it (GET /api/stats/cases).
 */
import { z } from "zod";
import { calendarDateSchema } from "./business-calendar.js";
import { caseSummarySchema, channelSchema } from "./cases.js";
import { caseKindSchema, idSchema } from "./org.js";
import { SATISFACTIONS } from "./work-order-workflow.js";

export const STATS_GROUPS = ["estate", "department", "category", "channel", "worker"] as const;
export type StatsGroup = (typeof STATS_GROUPS)[number];

export const STATS_TRENDS = ["day", "week", "month"] as const;
export type StatsTrend = (typeof STATS_TRENDS)[number];

/** The longest period one request may cover (days). */
export const STATS_MAX_DAYS = 1_100;

/** Period (local dates of the organisation, both inclusive) and the dimensions to narrow it. */
const statsFilterShape = {
  from: calendarDateSchema,
  to: calendarDateSchema,
  estateId: idSchema.optional(),
  departmentId: idSchema.optional(),
  categoryId: idSchema.optional(),
  channel: channelSchema.optional(),
  kind: caseKindSchema.optional(),
  /** The repair worker of the work order, or the staff member a complaint section is assigned to. */
  workerId: idSchema.optional(),
};

/** The earliest date statistics cover: registers before it are not kept in this system. */
export const STATS_EARLIEST_DATE = "1990-01-01";

function checkPeriod(filter: { from: string; to: string }, context: z.RefinementCtx): void {
  if (filter.from < STATS_EARLIEST_DATE || filter.to > "2099-12-31") {
    context.addIssue({
      code: "custom",
      message: `a period between ${STATS_EARLIEST_DATE} and 2099-12-31`,
      path: ["from"],
    });
  } else if (filter.from > filter.to)
    context.addIssue({ code: "custom", message: "the period ends before it starts", path: ["to"] });
  else if ((Date.parse(filter.to) - Date.parse(filter.from)) / 86_400_000 >= STATS_MAX_DAYS) {
    context.addIssue({ code: "custom", message: `a period of at most ${STATS_MAX_DAYS} days`, path: ["to"] });
  }
}

export const statsFilterSchema = z.object(statsFilterShape).superRefine(checkPeriod);
export type StatsFilter = z.infer<typeof statsFilterSchema>;

export const statsQuerySchema = z
  .object({
    ...statsFilterShape,
    groupBy: z.enum(STATS_GROUPS).default("estate"),
    /** Default: by day for up to two months, by month beyond. */
    trend: z.enum(STATS_TRENDS).optional(),
  })
  .superRefine(checkPeriod);
export type StatsQuery = z.infer<typeof statsQuerySchema>;

/**
 * The figures one can drill into. `received`: every case in the period and filters;
 * `closed`; `accept.onTime` … `result.late`: deadline compliance;
 * `measured.accept|result|close`: the cases behind a duration; `satisfaction` (key: the
 * evaluation, or `none`); `repeat` (key: unit id); `pareto` (key: complaint category id);
 * `urged`: repairs the resident urged (催单). Callbacks and nonconformities (#7) add theirs.
 */
export const STATS_FIGURES = [
  "received",
  "closed",
  "accept.onTime",
  "accept.late",
  "result.onTime",
  "result.late",
  "measured.accept",
  "measured.result",
  "measured.close",
  "satisfaction",
  "repeat",
  "pareto",
  "urged",
] as const;
export type StatsFigure = (typeof STATS_FIGURES)[number];

export const statsCasesQuerySchema = z
  .object({
    ...statsFilterShape,
    figure: z.enum(STATS_FIGURES),
    key: z.string().max(64).optional(),
    cursor: z.string().max(500).optional(),
    limit: z.coerce.number().int().min(1).max(500).default(50),
  })
  .superRefine(checkPeriod);
export type StatsCasesQuery = z.infer<typeof statsCasesQuerySchema>;

export const statsCasesPageSchema = z.object({
  /** How many cases the figure has in all (equals the figure on the dashboard). */
  total: z.number(),
  items: z.array(caseSummarySchema),
  nextCursor: z.string().nullable(),
});

const kindCountsSchema = z.object({
  complaint: z.number(),
  repair: z.number(),
  suggestion: z.number(),
});

export const STATS_MEASURES = ["accept", "result", "close"] as const;
export type StatsMeasure = (typeof STATS_MEASURES)[number];
export const STATS_DEADLINE_STAGES = ["accept", "result"] as const;

export const SATISFACTION_BUCKETS = [...SATISFACTIONS, "none"] as const;

const callbackRateFigureSchema = z.object({
  eligible: z.number(),
  calledBack: z.number(),
  ratePercent: z.number().nullable(),
  targetPercent: z.number(),
});

export const statisticsSchema = z.object({
  period: z.object({
    from: z.string(),
    to: z.string(),
    timeZone: z.string(),
    startsAt: z.string(),
    endsAt: z.string(),
  }),
  totals: kindCountsSchema.extend({ all: z.number(), closed: z.number(), open: z.number() }),
  groupBy: z.enum(STATS_GROUPS),
  groups: z.array(
    kindCountsSchema.extend({
      key: z.string().nullable(),
      label: z.string().nullable(),
      all: z.number(),
      closed: z.number(),
    }),
  ),
  trend: z.object({
    unit: z.enum(STATS_TRENDS),
    points: z.array(kindCountsSchema.extend({ from: z.string(), to: z.string(), all: z.number() })),
  }),
  /**
   * Working minutes on the business calendar from receipt to acceptance (first section or the
   * work order), to the result (last section returned / repair completed) and to closing.
   * Percentiles by nearest rank: the median is the ⌈n/2⌉-th value, the 90th the ⌈0.9n⌉-th.
   */
  durations: z.array(
    z.object({
      measure: z.enum(STATS_MEASURES),
      kind: caseKindSchema,
      count: z.number(),
      medianMinutes: z.number().nullable(),
      p90Minutes: z.number().nullable(),
    }),
  ),
  /** Per case: late when any of its sections (or its work order) missed the deadline. */
  deadlines: z.array(
    z.object({
      stage: z.enum(STATS_DEADLINE_STAGES),
      kind: caseKindSchema,
      onTime: z.number(),
      late: z.number(),
    }),
  ),
  /** Work-order evaluations of the repairs received in the period. */
  satisfaction: z.array(z.object({ value: z.enum(SATISFACTION_BUCKETS), count: z.number() })),
  /** Units with two or more complaints in the period. */
  repeatComplaints: z.array(
    z.object({ unitId: z.string(), unitLabel: z.string(), estateName: z.string(), count: z.number() }),
  ),
  /** Complaint categories, most frequent first, with the cumulative share. */
  pareto: z.array(
    z.object({
      categoryId: z.string().nullable(),
      name: z.string().nullable(),
      count: z.number(),
      cumulativePercent: z.number(),
    }),
  ),
  urges: z.object({ urgedCases: z.number(), urges: z.number() }),
  /**
   * Callback rates against their targets over the period (R-4.4.6: complaints checked in the
   * period, exempt ones apart: dispatch orders completed in the period). Null only
   * when no extension filled it (stats/stats-extensions.ts).
   */
  callbacks: z
    .object({
      complaints: callbackRateFigureSchema.extend({ exempt: z.number() }),
      repairs: callbackRateFigureSchema,
    })
    .nullable(),
  /** Nonconformities still open now (candidate, open or fixed) in the scope, by age. */
  nonconformities: z
    .object({
      open: z.number(),
      overdue: z.number(),
      byAge: z.array(z.object({ bucket: z.enum(["under7", "7to30", "over30"]), count: z.number() })),
    })
    .nullable(),
});
export type Statistics = z.infer<typeof statisticsSchema>;
