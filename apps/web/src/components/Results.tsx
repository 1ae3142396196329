import { Button, Result } from "antd";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";

/** Shown in place of a screen the user's roles do not allow (the server refuses it too). */
export function ForbiddenResult({ homePath = "/" }: { homePath?: string }) {
  const { t } = useTranslation();
  return (
    <Result
      status="403"
      title={t("forbidden.title")}
      subTitle={t("forbidden.subtitle")}
      extra={
        <Link to={homePath}>
          <Button type="primary">{t("forbidden.home")}</Button>
        </Link>
      }
    />
  );
}

export function NotFoundResult({ homePath = "/" }: { homePath?: string }) {
  const { t } = useTranslation();
  return (
    <Result
      status="404"
      title={t("notFound.title")}
      subTitle={t("notFound.subtitle")}
      extra={
        <Link to={homePath}>
          <Button type="primary">{t("forbidden.home")}</Button>
        </Link>
      }
    />
  );
}

export function LoadErrorResult({ message, onRetry }: { message: string; onRetry?: () => void }) {
  const { t } = useTranslation();
  return (
    <Result
      status="warning"
      title={t("errors.loadFailed")}
      subTitle={message}
      extra={
        onRetry ? (
          <Button type="primary" onClick={onRetry}>
            {t("common.retry")}
          </Button>
        ) : null
      }
    />
  );
}
