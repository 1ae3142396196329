import type { ComplaintHandling } from "@estate-desk/domain";
import { Space, Tag, Tooltip } from "antd";
import { useCallback, useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { useMe } from "../../api/session";
import { formatDateTime } from "../../app/format";
import { useLocale } from "../../i18n";
import { deadlineState, durationParts, TONE_COLOURS } from "./deadlines";

/** The current time, ticking: countdowns re-render without refetching anything. */
export function useNow(intervalMs = 30_000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = window.setInterval(() => setNow(Date.now()), intervalMs);
    return () => window.clearInterval(timer);
  }, [intervalMs]);
  return now;
}

/** A duration as "2 天 3 小时" / "2 d 3 h": two units are enough to judge urgency at a glance. */
export function useDurationText(): (ms: number) => string {
  const { t } = useTranslation();
  return useCallback(
    (ms: number) => {
      const parts = durationParts(ms);
      if (parts.days > 0) return t("duration.days", { days: parts.days, hours: parts.hours });
      if (parts.hours > 0) return t("duration.hours", { hours: parts.hours, minutes: parts.minutes });
      return t("duration.minutes", { minutes: parts.minutes });
    },
    [t],
  );
}

type SectionClock = Pick<ComplaintHandling, "status" | "acceptDueAt" | "resultDueAt" | "escalationLevel">;

/**
 * The running deadline of a department's section as a coloured countdown (green, orange when
 * approaching, red when past), with "已升级" once it went up the line; the due time on hover.
 */
export function DeadlineTag({ section, paused, now }: { section: SectionClock; paused: boolean; now: number }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const { data: me } = useMe();
  const durationText = useDurationText();
  const state = deadlineState(section, paused, now);
  if (state.tone === "done") return <Tag>{t("complaint.deadline.done")}</Tag>;
  if (state.remainingMs === null || state.dueAt === null) return <span>{t("complaint.deadline.none")}</span>;
  const which = state.kind === "accept" ? t("complaint.deadline.acceptShort") : t("complaint.deadline.resultShort");
  const text =
    state.tone === "paused"
      ? t("complaint.deadline.paused")
      : state.remainingMs > 0
        ? t("complaint.deadline.remaining", { time: durationText(state.remainingMs) })
        : t("complaint.deadline.overdue", { time: durationText(state.remainingMs) });
  const due = formatDateTime(state.dueAt, locale, me?.orgTimeZone ?? "Asia/Shanghai");
  return (
    <Space size={4} wrap>
      <Tooltip title={t("complaint.deadline.at", { time: due })}>
        <Tag color={TONE_COLOURS[state.tone]} className={`deadline-tag deadline-${state.tone}`}>
          {which} · {text}
        </Tag>
      </Tooltip>
      {state.escalated ? <Tag color="magenta">{t("complaint.escalatedTag")}</Tag> : null}
    </Space>
  );
}
