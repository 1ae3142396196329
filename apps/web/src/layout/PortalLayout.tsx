import { Suspense } from "react";
import { useTranslation } from "react-i18next";
import { Link, Outlet } from "react-router";
import { useMe } from "../api/session";
import { can } from "../auth/permissions";
import { PageLoading } from "../components/PageLoading";
import { ForbiddenResult } from "../components/Results";
import { LanguageSwitch, UserMenu } from "./HeaderControls";
import { HomeIcon } from "./HomeIcon";
import { LazyNotificationBell as NotificationBell } from "./LazyNotificationBell";

/** The residents' simple, phone-first shell: no menu, only their own things. */
export function PortalLayout() {
  const { t } = useTranslation();
  const { data: me } = useMe();
  if (!me) return null;
  if (!can(me, "portal.use")) return <ForbiddenResult homePath="/" />;
  return (
    <div className="portal">
      <header className="portal-header on-dark" style={{ height: 56 }}>
        <Link to="/portal" aria-label={t("nav.portalHome")}>
          <HomeIcon size={28} />
        </Link>
        <div className="portal-title">{me.orgName}</div>
        {/* Open letters published to the resident's estates. */}
        <Link to="/portal/letters" style={{ color: "inherit", whiteSpace: "nowrap" }}>
          {t("nav.portalLetters")}
        </Link>
        <NotificationBell onDark />
        <LanguageSwitch variant="borderless" />
        <UserMenu accountPath="/portal/account" />
      </header>
      <main className="portal-main">
        <Suspense fallback={<PageLoading />}>
          <Outlet />
        </Suspense>
      </main>
    </div>
  );
}
