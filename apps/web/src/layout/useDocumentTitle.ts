import { useEffect } from "react";
import { useTranslation } from "react-i18next";

/** "小区 · 物业服务台" in the browser tab, following the language. */
export function useDocumentTitle(title: string | null | undefined): void {
  const { t } = useTranslation();
  const appName = t("app.name");
  useEffect(() => {
    document.title = title ? `${title} · ${appName}` : appName;
  }, [title, appName]);
}
