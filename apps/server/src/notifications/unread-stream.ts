import { PassThrough } from "node:stream";
import type { RequestContext } from "../auth/actor.js";
import type { Db } from "../db/database.js";
import { countUnread } from "./notifications.repository.js";

export interface UnreadStreamOptions {
  /** How often the unread count is read from the database. */
  pollMs: number;
  /** How often a comment line keeps proxies from closing an idle connection. */
  heartbeatMs: number;
  /**
   * The stream ends after this long and the browser's EventSource reconnects, which passes
   * the session check again: a signed-out or expired session does not keep a stream open.
   */
  maxAgeMs: number;
  /** Where a failed count is reported; the stream goes on and tries again at the next poll. */
  onError?: (error: unknown) => void;
}

export const DEFAULT_UNREAD_STREAM: UnreadStreamOptions = {
  pollMs: 3_000,
  heartbeatMs: 25_000,
  maxAgeMs: 5 * 60_000,
};

/**
 * The bell's badge as server-sent events: `event: unread` with `{count}` at once and then
 * whenever the count changes. The count is polled from the database rather than pushed from
 * memory so that it is right with any number of server instances, whichever one wrote the
 * notification; one indexed count per open stream every few seconds is cheap.
 */
export function openUnreadStream(db: Db, context: RequestContext, options: UnreadStreamOptions): PassThrough {
  const owner = { orgId: context.actor.orgId, userId: context.actor.userId };
  const stream = new PassThrough();
  let last: number | undefined;
  let polling = false;

  const poll = async (): Promise<void> => {
    // A slow database must not pile up queries from one stream.
    if (polling) return;
    polling = true;
    try {
      const count = await countUnread(db, owner);
      if (count !== last && stream.writable) {
        last = count;
        stream.write(`event: unread\ndata: ${JSON.stringify({ count })}\n\n`);
      }
    } catch (error) {
      options.onError?.(error);
    } finally {
      polling = false;
    }
  };

  const pollTimer = setInterval(() => void poll(), options.pollMs);
  const heartbeatTimer = setInterval(() => {
    if (stream.writable) stream.write(": heartbeat\n\n");
  }, options.heartbeatMs);
  const endTimer = setTimeout(() => stream.end(), options.maxAgeMs);
  // Ended by us, or destroyed when the client goes away (Fastify destroys the payload stream).
  stream.once("close", () => {
    clearInterval(pollTimer);
    clearInterval(heartbeatTimer);
    clearTimeout(endTimer);
  });
  // How long the browser waits before reconnecting after the stream ends.
  stream.write(`retry: ${Math.min(options.pollMs, 5_000)}\n\n`);
  void poll();
  return stream;
}
