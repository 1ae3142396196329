import type { Locale } from "@estate-desk/domain";

/** A date and time in the organisation's time zone, as the locale writes it. */
export function formatDateTime(iso: string | null | undefined, locale: Locale, timeZone: string): string {
  if (iso === null || iso === undefined || iso === "") return "";
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  try {
    return new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeStyle: "short", timeZone }).format(date);
  } catch {
    // An unknown time zone must not break a list; the browser's own zone is close enough.
    return new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeStyle: "short" }).format(date);
  }
}

/** A path from `?next=` that stays inside this app (no `//evil.example` open redirect). */
export function safeNextPath(next: string | null): string | null {
  if (next === null || !next.startsWith("/") || next.startsWith("//") || next.startsWith("/\\")) return null;
  if (next.startsWith("/login") || next.startsWith("/setup")) return null;
  return next;
}
