import type { CalendarDay } from "@estate-desk/domain";

/**
 * Mainland China's public holidays and make-up working days (调休), as the State Council
 * General Office publishes them late in the year before:
 * - 2025: 国务院办公厅关于2025年部分节假日安排的通知 (国办发明电〔2024〕12号),
 *   https://www.gov.cn/zhengce/zhengceku/202411/content_6986383.htm
 * - 2026: 国务院办公厅关于2026年部分节假日安排的通知,
 *   https://www.gov.cn/zhengce/zhengceku/202511/content_7047091.htm
 * Checked day by day against the `chinese-days` package 1.5.7, which follows the same notices.
 * That package is not imported at run time: it has no data after 2026 and silently treats
 * later years as plain weekdays. A new year is added here, or per organisation through
 * PUT /api/calendar/days/:day, once the State Council publishes it (the calendar coverage
 * warns from 1 November when next year is missing).
 */
export type SeededCalendarDay = CalendarDay;

/** Every day from `first` to `last` (inclusive) as a holiday called `name`. */
function holidays(name: string, first: string, last: string): SeededCalendarDay[] {
  const days: SeededCalendarDay[] = [];
  for (
    let instant = Date.parse(`${first}T00:00:00Z`);
    instant <= Date.parse(`${last}T00:00:00Z`);
    instant += 86_400_000
  ) {
    days.push({ day: new Date(instant).toISOString().slice(0, 10), kind: "holiday", name });
  }
  return days;
}

function makeUpWorkday(name: string, day: string): SeededCalendarDay {
  return { day, kind: "workday", name: `${name}调休上班` };
}

export const CHINA_CALENDAR_DAYS: Readonly<Record<number, readonly SeededCalendarDay[]>> = {
  2025: [
    ...holidays("元旦", "2025-01-01", "2025-01-01"),
    // 1月28日（除夕）至2月4日放假调休，共8天；1月26日（周日）、2月8日（周六）上班。
    makeUpWorkday("春节", "2025-01-26"),
    ...holidays("春节", "2025-01-28", "2025-02-04"),
    makeUpWorkday("春节", "2025-02-08"),
    ...holidays("清明节", "2025-04-04", "2025-04-06"),
    // 5月1日至5日放假调休，共5天；4月27日（周日）上班。
    makeUpWorkday("劳动节", "2025-04-27"),
    ...holidays("劳动节", "2025-05-01", "2025-05-05"),
    ...holidays("端午节", "2025-05-31", "2025-06-02"),
    // 国庆节、中秋节：10月1日至8日放假调休，共8天；9月28日（周日）、10月11日（周六）上班。
    makeUpWorkday("国庆节", "2025-09-28"),
    ...holidays("国庆节", "2025-10-01", "2025-10-05"),
    ...holidays("中秋节", "2025-10-06", "2025-10-06"),
    ...holidays("国庆节", "2025-10-07", "2025-10-08"),
    makeUpWorkday("国庆节", "2025-10-11"),
  ],
  2026: [
    // 1月1日至3日放假调休，共3天；1月4日（周日）上班。
    ...holidays("元旦", "2026-01-01", "2026-01-03"),
    makeUpWorkday("元旦", "2026-01-04"),
    // 2月15日（腊月二十八）至23日放假调休，共9天；2月14日（周六）、2月28日（周六）上班。
    makeUpWorkday("春节", "2026-02-14"),
    ...holidays("春节", "2026-02-15", "2026-02-23"),
    makeUpWorkday("春节", "2026-02-28"),
    ...holidays("清明节", "2026-04-04", "2026-04-06"),
    // 5月1日至5日放假调休，共5天；5月9日（周六）上班。
    ...holidays("劳动节", "2026-05-01", "2026-05-05"),
    makeUpWorkday("劳动节", "2026-05-09"),
    ...holidays("端午节", "2026-06-19", "2026-06-21"),
    ...holidays("中秋节", "2026-09-25", "2026-09-27"),
    // 10月1日至7日放假调休，共7天；9月20日（周日）、10月10日（周六）上班。
    makeUpWorkday("国庆节", "2026-09-20"),
    ...holidays("国庆节", "2026-10-01", "2026-10-07"),
    makeUpWorkday("国庆节", "2026-10-10"),
  ],
};

/** The years we carry the State Council's arrangements for. */
export const CHINA_CALENDAR_YEARS: readonly number[] = Object.keys(CHINA_CALENDAR_DAYS).map(Number);

/** Every seeded day of every year, for an organisation that has not set up its own calendar. */
export const ALL_CHINA_CALENDAR_DAYS: readonly SeededCalendarDay[] = CHINA_CALENDAR_YEARS.flatMap(
  (year) => CHINA_CALENDAR_DAYS[year] ?? [],
);
