/** A page of a keyset-paged list. */
export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/** An unpaged small list. */
export interface ItemList<T> {
  items: T[];
}

export type ActiveFilter = "all" | "active" | "inactive";

/** `?active=` for an active filter; undefined means "any". */
export function activeQuery(filter: ActiveFilter): "true" | "false" | undefined {
  switch (filter) {
    case "all":
      return undefined;
    case "active":
      return "true";
    case "inactive":
      return "false";
  }
}

export type { AuditEntry } from "@estate-desk/domain";

export type AuditEntityType =
  | "organisation"
  | "estate"
  | "building"
  | "unit"
  | "resident"
  | "department"
  | "trade"
  | "category"
  | "user";
