import type { Notification, UnreadCount } from "@estate-desk/domain";
import { useQuery } from "@tanstack/react-query";
import { apiGet, apiPost } from "./client";
import { useApiMutation } from "./query";
import type { Page } from "./types";

const NOTIFICATIONS = ["notifications"] as const;

/** The bell's number: polled, and refreshed whenever the window regains focus. */
export function useUnreadCount(enabled: boolean) {
  return useQuery({
    queryKey: [...NOTIFICATIONS, "unread-count"],
    queryFn: ({ signal }) =>
      apiGet<UnreadCount>("/api/notifications/unread-count", undefined, signal).then((body) => body.count),
    enabled,
    refetchInterval: 30_000,
    refetchOnWindowFocus: true,
    // A failing count must not flood the server or the user with retries every 30 s.
    retry: false,
  });
}

/**
 * The most recent notifications, read or not, for the bell's list. The unread count is part
 * of the key, so a notification that arrived since the list was loaded is fetched on opening.
 */
export function useRecentNotifications(enabled: boolean, unreadCount: number) {
  return useQuery({
    queryKey: [...NOTIFICATIONS, "recent", unreadCount],
    queryFn: ({ signal }) =>
      apiGet<Page<Notification>>("/api/notifications", { limit: 20 }, signal).then((page) => page.items),
    enabled,
    // Keep showing the list while the new one loads, instead of a spinner after every click.
    placeholderData: (previous) => previous,
  });
}

export function useMarkNotificationRead() {
  return useApiMutation((id: string) => apiPost<void>(`/api/notifications/${id}/read`), [NOTIFICATIONS]);
}

export function useMarkAllNotificationsRead() {
  return useApiMutation(() => apiPost<void>("/api/notifications/read-all"), [NOTIFICATIONS]);
}
