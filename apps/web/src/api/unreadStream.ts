/**
 * The bell's live count: server-sent events (GET /api/notifications/stream) with polling as
 * the fallback. The server ends each stream after a few minutes and EventSource reconnects by
 * itself, so one error is normal; only errors in a row without the stream opening in between
 * (a proxy that buffers or cuts event streams, a server without the route) switch to polling,
 * and the stream is tried again after a while.
 */
export type UnreadStreamMode = "connecting" | "live" | "polling";

export interface UnreadStreamState {
  mode: UnreadStreamMode;
  /** Errors since the stream last opened. */
  failures: number;
}

export type UnreadStreamEvent =
  /** The stream opened (or reopened after the server ended it). */
  | { type: "open" }
  /** An error; `closed` when EventSource gave up and will not reconnect by itself (e.g. a 401 or 404). */
  | { type: "error"; closed: boolean }
  /** Polling has gone on long enough: try the stream again. */
  | { type: "retry" };

/** Errors in a row that make the bell give up on the stream. */
export const MAX_STREAM_FAILURES = 3;
/** How long the bell polls before trying the stream again. */
export const STREAM_RETRY_MS = 5 * 60_000;
/** The polling interval while the stream is not live. */
export const POLL_INTERVAL_MS = 30_000;

export const INITIAL_UNREAD_STREAM: UnreadStreamState = { mode: "connecting", failures: 0 };

export function nextUnreadStreamState(state: UnreadStreamState, event: UnreadStreamEvent): UnreadStreamState {
  switch (event.type) {
    case "open":
      return { mode: "live", failures: 0 };
    case "error": {
      if (state.mode === "polling") return state;
      const failures = state.failures + 1;
      if (event.closed || failures >= MAX_STREAM_FAILURES) return { mode: "polling", failures };
      // EventSource is reconnecting on its own; poll meanwhile only once it keeps failing.
      return { mode: "connecting", failures };
    }
    case "retry":
      return state.mode === "polling" ? { mode: "connecting", failures: 0 } : state;
  }
}

/** Whether the stream should be open in this state. */
export function wantsStream(state: UnreadStreamState): boolean {
  return state.mode !== "polling";
}

/** The count query's polling interval: none while the stream delivers the count. */
export function pollInterval(state: UnreadStreamState): number | false {
  return state.mode === "live" ? false : POLL_INTERVAL_MS;
}

/** The count of an `unread` event's data (`{"count": n}`), or null for anything else. */
export function parseUnreadEvent(data: unknown): number | null {
  if (typeof data !== "string") return null;
  try {
    const parsed: unknown = JSON.parse(data);
    if (parsed !== null && typeof parsed === "object" && "count" in parsed) {
      const count = parsed.count;
      if (typeof count === "number" && Number.isInteger(count) && count >= 0) return count;
    }
  } catch {
    // Not JSON: ignore the event, the next one or the poll corrects the count.
  }
  return null;
}
