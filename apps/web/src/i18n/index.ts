import type { Label, Locale } from "@estate-desk/domain";
import i18next from "i18next";
import { initReactI18next, useTranslation } from "react-i18next";
import { DEFAULT_LOCALE, isLocale, RESOURCES } from "./resources";
import type { zhCN } from "./zh-CN";

declare module "i18next" {
  interface CustomTypeOptions {
    defaultNS: "translation";
    resources: { translation: typeof zhCN };
  }
}

const STORAGE_KEY = "estate-desk.language";

function storedLocale(): Locale {
  try {
    const stored = window.localStorage.getItem(STORAGE_KEY);
    return isLocale(stored) ? stored : DEFAULT_LOCALE;
  } catch {
    // Storage can be blocked (private mode, policies); the default language still works.
    return DEFAULT_LOCALE;
  }
}

export const i18n = i18next.createInstance();

export async function initI18n(): Promise<void> {
  const locale = storedLocale();
  await i18n.use(initReactI18next).init({
    resources: {
      "zh-CN": { translation: RESOURCES["zh-CN"] },
      en: { translation: RESOURCES.en },
    },
    lng: locale,
    fallbackLng: DEFAULT_LOCALE,
    supportedLngs: ["zh-CN", "en"],
    // React escapes rendered text already.
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  document.documentElement.lang = locale;
}

export async function changeLocale(locale: Locale): Promise<void> {
  try {
    window.localStorage.setItem(STORAGE_KEY, locale);
  } catch {
    // Not persisting is acceptable; the switch still applies to this visit.
  }
  document.documentElement.lang = locale;
  await i18n.changeLanguage(locale);
}

/** The current language as one of ours (i18next may report a fallback chain). */
export function currentLocale(): Locale {
  return isLocale(i18n.language) ? i18n.language : DEFAULT_LOCALE;
}

/** The current language, re-rendering the component when it changes. */
export function useLocale(): Locale {
  const { i18n: instance } = useTranslation();
  return isLocale(instance.language) ? instance.language : DEFAULT_LOCALE;
}

/** The text of a domain label (role, urgency, …) in the given language. */
export function labelText(label: Label, locale: Locale): string {
  return label[locale];
}
