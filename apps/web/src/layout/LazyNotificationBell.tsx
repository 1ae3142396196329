import { lazy, Suspense } from "react";

// The bell pulls in popover, badge and list code; loading it after the shell keeps the
// first paint of every screen (and the sign-in page, which shares the entry chunk) light.
const NotificationBell = lazy(() => import("./NotificationBell").then((m) => ({ default: m.NotificationBell })));

export function LazyNotificationBell({ onDark = false }: { onDark?: boolean }) {
  return (
    <Suspense fallback={<span className="bell-placeholder" />}>
      <NotificationBell onDark={onDark} />
    </Suspense>
  );
}
