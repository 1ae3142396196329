import type { Notification, UnreadCount } from "@estate-desk/domain";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useReducer } from "react";
import { apiGet, apiPost } from "./client";
import { useApiMutation } from "./query";
import type { Page } from "./types";
import {
  INITIAL_UNREAD_STREAM,
  nextUnreadStreamState,
  parseUnreadEvent,
  pollInterval,
  STREAM_RETRY_MS,
  wantsStream,
} from "./unreadStream";

const NOTIFICATIONS = ["notifications"] as const;
const UNREAD_COUNT = [...NOTIFICATIONS, "unread-count"] as const;

/**
 * The bell's number: pushed by the server-sent event stream while it is live, otherwise
 * polled; refreshed whenever the window regains focus either way.
 */
export function useUnreadCount(enabled: boolean) {
  const client = useQueryClient();
  const [stream, dispatch] = useReducer(nextUnreadStreamState, INITIAL_UNREAD_STREAM);
  const streaming = enabled && wantsStream(stream) && typeof EventSource !== "undefined";

  useEffect(() => {
    if (!streaming) return;
    const source = new EventSource("/api/notifications/stream");
    source.addEventListener("open", () => dispatch({ type: "open" }));
    source.addEventListener("unread", (event) => {
      const count = parseUnreadEvent(event.data);
      if (count !== null) client.setQueryData(UNREAD_COUNT, count);
    });
    source.addEventListener("error", () =>
      dispatch({ type: "error", closed: source.readyState === EventSource.CLOSED }),
    );
    return () => source.close();
  }, [streaming, client]);

  // Polling is the fallback, not the end: the stream is tried again after a while.
  useEffect(() => {
    if (!enabled || stream.mode !== "polling") return;
    const timer = window.setTimeout(() => dispatch({ type: "retry" }), STREAM_RETRY_MS);
    return () => window.clearTimeout(timer);
  }, [enabled, stream.mode]);

  return useQuery({
    queryKey: UNREAD_COUNT,
    queryFn: ({ signal }) =>
      apiGet<UnreadCount>("/api/notifications/unread-count", undefined, signal).then((body) => body.count),
    enabled,
    refetchInterval: pollInterval(stream),
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
