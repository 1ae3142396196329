import { App } from "antd";
import { useCallback } from "react";
import { useTranslation } from "react-i18next";
import { errorMessage } from "../api/errors";
import { useLocale } from "../i18n";

/** Turns any failure into the sentence to show, in the current language. */
export function useErrorText(): (error: unknown) => string {
  const { t } = useTranslation();
  const locale = useLocale();
  return useCallback(
    (error: unknown) => errorMessage(error, locale, { network: t("errors.network"), unknown: t("errors.unknown") }),
    [locale, t],
  );
}

/** Success and error toasts bound to the current theme and language. */
export function useFeedback() {
  const { message, modal } = App.useApp();
  const errorText = useErrorText();
  const success = useCallback((text: string) => void message.success(text), [message]);
  const failure = useCallback((error: unknown) => void message.error(errorText(error)), [message, errorText]);
  return { success, failure, errorText, modal, message };
}
