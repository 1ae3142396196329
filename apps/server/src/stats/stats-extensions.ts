/**
 * Extension points of the statistics for the sections other modules own. Issue #7
 * (callbacks, nonconformities) adds one entry here when its tables land:
 *
 *   statsExtensions.push({ name: "callbacks", sections: async (db, scope) => ({ callbacks: … }) });
 *
 * `callbacks` (rates against the 90 % complaint / 30 % repair targets, R-4.5) and
 * `nonconformities` (open ones by age, R-4.10) are already in the response schema as null;
 * a section returned here replaces the null. Its drill-down figures go into STATS_FIGURES
 * and figureCondition() of stats.repository.ts, over the same `facts` CTE.
 */
import type { Statistics } from "@estate-desk/domain";
import type { Db } from "../db/database.js";
import type { FactsScope } from "./stats.repository.js";

export interface StatsExtension {
  name: string;
  sections(db: Db, scope: FactsScope): Promise<Partial<Pick<Statistics, "callbacks" | "nonconformities">>>;
}

export const statsExtensions: StatsExtension[] = [];
