import { describe, expect, it } from "vitest";
import {
  INITIAL_UNREAD_STREAM,
  MAX_STREAM_FAILURES,
  nextUnreadStreamState,
  parseUnreadEvent,
  pollInterval,
  type UnreadStreamEvent,
  type UnreadStreamState,
  wantsStream,
} from "./unreadStream";

function run(events: UnreadStreamEvent[], from: UnreadStreamState = INITIAL_UNREAD_STREAM): UnreadStreamState {
  return events.reduce(nextUnreadStreamState, from);
}

const error = (closed = false): UnreadStreamEvent => ({ type: "error", closed });

describe("the bell's live count", () => {
  it("is pushed by the stream once it opens, without polling", () => {
    const live = run([{ type: "open" }]);
    expect(live.mode).toBe("live");
    expect(wantsStream(live)).toBe(true);
    expect(pollInterval(live)).toBe(false);
  });

  it("takes the stream ending every few minutes in its stride", () => {
    // The server ends each stream; EventSource reconnects by itself.
    const state = run([
      { type: "open" },
      error(),
      { type: "open" },
      error(),
      { type: "open" },
      error(),
      { type: "open" },
    ]);
    expect(state).toEqual({ mode: "live", failures: 0 });
  });

  it("falls back to polling after errors in a row, and tries the stream again later", () => {
    const failing = Array.from({ length: MAX_STREAM_FAILURES }, () => error());
    const polling = run([{ type: "open" }, ...failing]);
    expect(polling.mode).toBe("polling");
    expect(wantsStream(polling)).toBe(false);
    expect(pollInterval(polling)).toBe(30_000);
    expect(run([error()], polling)).toBe(polling);
    expect(run([{ type: "retry" }], polling)).toEqual({ mode: "connecting", failures: 0 });
  });

  it("polls at once when the browser gives the stream up (a 401 or a proxy without it)", () => {
    expect(run([error(true)]).mode).toBe("polling");
  });

  it("keeps polling while it connects, so a stream that never opens loses nothing", () => {
    expect(pollInterval(INITIAL_UNREAD_STREAM)).toBe(30_000);
    expect(run([error()]).mode).toBe("connecting");
    expect(run([{ type: "retry" }], { mode: "live", failures: 0 }).mode).toBe("live");
  });

  it("reads the count of an unread event and ignores anything else", () => {
    expect(parseUnreadEvent('{"count":3}')).toBe(3);
    expect(parseUnreadEvent('{"count":-1}')).toBeNull();
    expect(parseUnreadEvent("not json")).toBeNull();
    expect(parseUnreadEvent(42)).toBeNull();
  });
});
