import { TIME_ZONE_DEFAULT } from "@estate-desk/domain";

/** Common zones first; every IANA zone the browser knows after them. */
const PREFERRED = ["Asia/Shanghai", "Asia/Hong_Kong", "Asia/Macau", "Asia/Taipei", "Asia/Singapore", "UTC"];

export function timeZoneOptions(): { value: string; label: string }[] {
  let all: string[] = [];
  try {
    all = Intl.supportedValuesOf("timeZone");
  } catch {
    // Older browsers: the preferred list is enough to choose from.
  }
  const zones = [...new Set([TIME_ZONE_DEFAULT, ...PREFERRED, ...all])];
  return zones.map((zone) => ({ value: zone, label: zone }));
}
