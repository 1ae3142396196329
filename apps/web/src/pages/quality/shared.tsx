import type { NonconformityStatus } from "@estate-desk/domain";
import { Tag } from "antd";
import { useCallback } from "react";
import { useTranslation } from "react-i18next";
import { useMe } from "../../api/session";
import { formatDateTime } from "../../app/format";
import { useLocale } from "../../i18n";

/** Dates and times in the organisation's time zone, in the reader's language. */
export function useWhen(): (iso: string | null | undefined) => string {
  const locale = useLocale();
  const { data: me } = useMe();
  const timeZone = me?.orgTimeZone ?? "Asia/Shanghai";
  return useCallback((iso) => formatDateTime(iso, locale, timeZone), [locale, timeZone]);
}

const NC_COLOURS: Record<NonconformityStatus, string> = {
  candidate: "gold",
  open: "red",
  fixed: "blue",
  closed: "green",
  dismissed: "default",
};

export function NonconformityStatusTag({ status }: { status: NonconformityStatus }) {
  const { t } = useTranslation();
  return <Tag color={NC_COLOURS[status]}>{t(`quality.ncStatus.${status}`)}</Tag>;
}

/** Monday of the week `offset` weeks from the given Monday (YYYY-MM-DD). */
export function shiftWeek(monday: string, offset: number): string {
  const date = new Date(`${monday}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + offset * 7);
  return date.toISOString().slice(0, 10);
}

/** Whether the signed-in user holds one of the roles (the server decides; this only hides buttons). */
export function useHasRole(...roles: string[]): boolean {
  const { data: me } = useMe();
  return me?.roles.some((role) => roles.includes(role)) ?? false;
}
