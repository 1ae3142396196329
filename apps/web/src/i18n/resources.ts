import type { Locale } from "@estate-desk/domain";
import { en, type Resources } from "./en";
import { zhCN } from "./zh-CN";

export type { Resources };

/** Chinese first: the users are Chinese management centres; English is for visitors and support. */
export const DEFAULT_LOCALE: Locale = "zh-CN";

export const RESOURCES: Record<Locale, Resources> = { "zh-CN": zhCN, en };

export function isLocale(value: unknown): value is Locale {
  return value === "zh-CN" || value === "en";
}

/** Every key of a nested resource object as a dotted path, with its value. */
export function flattenResources(resources: object, prefix = ""): Map<string, unknown> {
  const flat = new Map<string, unknown>();
  for (const [key, value] of Object.entries(resources)) {
    const path = prefix === "" ? key : `${prefix}.${key}`;
    if (value !== null && typeof value === "object") {
      for (const [innerKey, innerValue] of flattenResources(value, path)) flat.set(innerKey, innerValue);
    } else {
      flat.set(path, value);
    }
  }
  return flat;
}
