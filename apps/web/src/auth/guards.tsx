import type { Permission } from "@estate-desk/domain";
import type { ReactNode } from "react";
import { Navigate, useLocation } from "react-router";
import { useMe } from "../api/session";
import { useErrorText } from "../components/feedback";
import { PageLoading } from "../components/PageLoading";
import { ForbiddenResult, LoadErrorResult } from "../components/Results";
import { canOpenScreen, type Screen } from "../layout/menu";
import { can, homePathOf } from "./permissions";

/** Screens behind sign-in: waits for the session, sends anyone signed out to /login?next=…. */
export function RequireSignedIn({ children }: { children: ReactNode }) {
  const me = useMe();
  const location = useLocation();
  const errorText = useErrorText();
  if (me.isPending) return <PageLoading />;
  if (me.isError) return <LoadErrorResult message={errorText(me.error)} onRetry={() => void me.refetch()} />;
  if (me.data === null) {
    const next = `${location.pathname}${location.search}`;
    return <Navigate to={`/login?next=${encodeURIComponent(next)}`} replace />;
  }
  return children;
}

/** A screen that needs a permission: without it the user sees 403, not the screen. */
export function RequirePermission({ permission, children }: { permission: Permission; children: ReactNode }) {
  const { data: me } = useMe();
  if (!can(me, permission)) return <ForbiddenResult homePath={me ? homePathOf(me) : "/login"} />;
  return children;
}

/** A screen with a permission and an audience (a department's inbox, customer service's tracking). */
export function RequireScreen({ screen, children }: { screen: Screen; children: ReactNode }) {
  const { data: me } = useMe();
  if (!me || !canOpenScreen(me, screen)) return <ForbiddenResult homePath={me ? homePathOf(me) : "/login"} />;
  return children;
}
