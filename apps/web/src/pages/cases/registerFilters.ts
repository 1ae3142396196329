import {
  CASE_KINDS,
  CASE_STATUSES,
  type CaseKind,
  type CaseStatus,
  CHANNELS,
  type Channel,
  idSchema,
  REGISTER_SORTS,
} from "@estate-desk/domain";
import type { QueryValue } from "../../api/client";
import { addDays, isDateText, zonedDayStartIso } from "../../app/zonedTime";

export type RegisterSort = (typeof REGISTER_SORTS)[number];
export type SortOrder = "asc" | "desc";

/** What the register is filtered and sorted by; kept in the URL so a filtered register can be bookmarked. */
export interface RegisterFilters {
  kind?: CaseKind;
  estateId?: string;
  status?: CaseStatus;
  categoryId?: string;
  departmentId?: string;
  channel?: Channel;
  /** First day received, `YYYY-MM-DD` in the organisation's time zone. */
  from?: string;
  /** Last day received (inclusive). */
  to?: string;
  q?: string;
  sort: RegisterSort;
  order: SortOrder;
}

export const DEFAULT_SORT: Pick<RegisterFilters, "sort" | "order"> = { sort: "receivedAt", order: "desc" };

// Short, readable parameter names: the URL is what people bookmark and paste into chats.
const PARAM = {
  kind: "kind",
  estateId: "estate",
  status: "status",
  categoryId: "category",
  departmentId: "dept",
  channel: "channel",
  from: "from",
  to: "to",
  q: "q",
  sort: "sort",
  order: "order",
} as const satisfies Record<keyof RegisterFilters, string>;

function oneOf<T extends string>(values: readonly T[], value: string | null): T | undefined {
  return values.find((candidate) => candidate === value);
}

function id(value: string | null): string | undefined {
  return value !== null && idSchema.safeParse(value).success ? value : undefined;
}

/**
 * The filters in a URL's query string. Anything unknown or malformed (an old bookmark, a
 * hand-edited link) is dropped rather than sent to the server to be refused.
 */
export function parseRegisterFilters(search: URLSearchParams): RegisterFilters {
  const from = search.get(PARAM.from);
  const to = search.get(PARAM.to);
  const q = search.get(PARAM.q)?.trim().slice(0, 100);
  const filters: RegisterFilters = {
    kind: oneOf(CASE_KINDS, search.get(PARAM.kind)),
    estateId: id(search.get(PARAM.estateId)),
    status: oneOf(CASE_STATUSES, search.get(PARAM.status)),
    categoryId: id(search.get(PARAM.categoryId)),
    departmentId: id(search.get(PARAM.departmentId)),
    channel: oneOf(CHANNELS, search.get(PARAM.channel)),
    from: isDateText(from) ? from : undefined,
    to: isDateText(to) ? to : undefined,
    q: q === undefined || q === "" ? undefined : q,
    sort: oneOf(REGISTER_SORTS, search.get(PARAM.sort)) ?? DEFAULT_SORT.sort,
    order: oneOf(["asc", "desc"] as const, search.get(PARAM.order)) ?? DEFAULT_SORT.order,
  };
  return withoutUndefined(filters);
}

function withoutUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, entry]) => entry !== undefined)) as T;
}

/** The query string for a set of filters; the default sort is left out to keep links short. */
export function registerFiltersToSearch(filters: RegisterFilters): URLSearchParams {
  const search = new URLSearchParams();
  for (const key of Object.keys(PARAM) as (keyof RegisterFilters)[]) {
    const value = filters[key];
    if (value === undefined || value === "") continue;
    if (key === "sort" && value === DEFAULT_SORT.sort) continue;
    if (key === "order" && value === DEFAULT_SORT.order) continue;
    search.set(PARAM[key], value);
  }
  return search;
}

/** Letters and digits in a search text: the server needs at least two to search. */
export function searchableLength(text: string): number {
  return [...text.matchAll(/[\p{L}\p{N}]/gu)].length;
}

export function isSearchable(text: string | undefined): boolean {
  return text !== undefined && searchableLength(text) >= 2;
}

/** GET /api/cases parameters: dates become instants in the organisation's zone, `to` inclusive. */
export function registerApiQuery(filters: RegisterFilters, timeZone: string): Record<string, QueryValue> {
  return {
    kind: filters.kind,
    estateId: filters.estateId,
    status: filters.status,
    categoryId: filters.categoryId,
    departmentId: filters.departmentId,
    channel: filters.channel,
    from: filters.from ? zonedDayStartIso(filters.from, timeZone) : undefined,
    to: filters.to ? zonedDayStartIso(addDays(filters.to, 1), timeZone) : undefined,
    q: isSearchable(filters.q) ? filters.q : undefined,
    sort: filters.sort,
    order: filters.order,
  };
}

/** Whether any filter narrows the register (for a "clear filters" button). */
export function hasActiveFilters(filters: RegisterFilters): boolean {
  return Object.entries(filters).some(([key, value]) => key !== "sort" && key !== "order" && value !== undefined);
}

/** The filters after the table's sorter was clicked; clearing a sort goes back to the default. */
export function withSorter(
  filters: RegisterFilters,
  field: unknown,
  order: "ascend" | "descend" | null | undefined,
): RegisterFilters {
  const sort = oneOf(REGISTER_SORTS, typeof field === "string" ? field : null);
  if (sort === undefined || order === null || order === undefined) return { ...filters, ...DEFAULT_SORT };
  return { ...filters, sort, order: order === "ascend" ? "asc" : "desc" };
}
