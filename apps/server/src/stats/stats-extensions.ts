/**
 * The statistics sections other modules own: callback rates against the 90 % complaint /
 * 30 % repair targets and open nonconformities by age, from
 * loop-sections.ts. A section returned here replaces the null in the response.
 */
import type { Statistics } from "@estate-desk/domain";
import type { Db } from "../db/database.js";
import { loopSections } from "./loop-sections.js";
import type { FactsScope } from "./stats.repository.js";

export interface StatsExtension {
  name: string;
  sections(db: Db, scope: FactsScope): Promise<Partial<Pick<Statistics, "callbacks" | "nonconformities">>>;
}

export const statsExtensions: StatsExtension[] = [{ name: "callbacks and nonconformities", sections: loopSections }];
