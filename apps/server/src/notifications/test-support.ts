/**
 * Real receivers for the notification tests: an SMTP server, an HTTP endpoint for webhooks,
 * and a reader of server-sent events. Test code only.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";

export interface ReceivedMail {
  from: string | null;
  to: string[];
  raw: string;
}

export interface SmtpReceiver {
  port: number;
  messages: ReceivedMail[];
  /** Listens again on the same port after stop(). */
  start(): Promise<void>;
  stop(): Promise<void>;
}

/** An SMTP server on 127.0.0.1 that accepts every message (no TLS, no authentication). */
export async function startSmtpReceiver(): Promise<SmtpReceiver> {
  const messages: ReceivedMail[] = [];
  let server: SMTPServer | undefined;
  let port = 0;
  const receiver: SmtpReceiver = {
    get port() {
      return port;
    },
    messages,
    async start() {
      if (server) return;
      const current = new SMTPServer({
        authOptional: true,
        disabledCommands: ["STARTTLS", "AUTH"],
        logger: false,
        onData(stream, session, callback) {
          const chunks: Buffer[] = [];
          stream.on("data", (chunk: Buffer) => chunks.push(chunk));
          stream.on("end", () => {
            const { mailFrom, rcptTo } = session.envelope;
            messages.push({
              from: mailFrom ? mailFrom.address : null,
              to: rcptTo.map((address) => address.address),
              raw: Buffer.concat(chunks).toString("utf8"),
            });
            callback();
          });
        },
      });
      await new Promise<void>((resolve, reject) => {
        current.server.once("error", reject);
        current.listen(port, "127.0.0.1", () => resolve());
      });
      port = (current.server.address() as AddressInfo).port;
      server = current;
    },
    async stop() {
      const current = server;
      server = undefined;
      if (current) await new Promise<void>((resolve) => current.close(() => resolve()));
    },
  };
  await receiver.start();
  return receiver;
}

export interface ParsedMail {
  headers: Map<string, string>;
  subject: string;
  text: string;
}

/** The bytes of RFC 2047 Q-encoding or quoted-printable, where `=XX` is a byte. */
function quotedPrintableBytes(value: string, underscoreIsSpace: boolean): Buffer {
  const bytes: number[] = [];
  for (let i = 0; i < value.length; i++) {
    const char = value[i] ?? "";
    if (char === "=" && /^[0-9A-F]{2}$/i.test(value.slice(i + 1, i + 3))) {
      bytes.push(Number.parseInt(value.slice(i + 1, i + 3), 16));
      i += 2;
    } else if (char === "_" && underscoreIsSpace) {
      bytes.push(0x20);
    } else {
      bytes.push(...Buffer.from(char, "utf8"));
    }
  }
  return Buffer.from(bytes);
}

/** Decodes `=?UTF-8?B?…?=` / `=?UTF-8?Q?…?=` words; adjacent words join without the space between them. */
function decodeHeader(value: string): string {
  const joined = value.replace(/\?=\s+=\?/g, "?==?");
  const parts: Buffer[] = [];
  let rest = joined;
  const word = /=\?([^?]+)\?([BQ])\?([^?]*)\?=/i;
  for (let match = word.exec(rest); match; match = word.exec(rest)) {
    parts.push(Buffer.from(rest.slice(0, match.index), "utf8"));
    const encoded = match[3] ?? "";
    parts.push(match[2]?.toUpperCase() === "B" ? Buffer.from(encoded, "base64") : quotedPrintableBytes(encoded, true));
    rest = rest.slice(match.index + match[0].length);
  }
  parts.push(Buffer.from(rest, "utf8"));
  return Buffer.concat(parts).toString("utf8");
}

/** Enough of MIME for a single-part text/plain message as nodemailer writes it. */
export function parseMail(raw: string): ParsedMail {
  const split = raw.indexOf("\r\n\r\n");
  const head = raw.slice(0, split).replace(/\r\n[ \t]+/g, " ");
  const body = raw.slice(split + 4);
  const headers = new Map<string, string>();
  for (const line of head.split("\r\n")) {
    const colon = line.indexOf(":");
    headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
  }
  const encoding = headers.get("content-transfer-encoding")?.toLowerCase();
  const text =
    encoding === "base64"
      ? Buffer.from(body.replace(/\s+/g, ""), "base64").toString("utf8")
      : encoding === "quoted-printable"
        ? quotedPrintableBytes(body.replace(/=\r\n/g, ""), false).toString("utf8")
        : body;
  return { headers, subject: decodeHeader(headers.get("subject") ?? ""), text: text.replace(/\r\n/g, "\n").trim() };
}

export interface ReceivedRequest {
  method: string;
  url: string;
  headers: http.IncomingHttpHeaders;
  body: string;
}

export interface HttpReceiver {
  url: string;
  requests: ReceivedRequest[];
  /** The status the next requests are answered with. */
  status: number;
  close(): Promise<void>;
}

/** An HTTP server on 127.0.0.1 that records each request and answers with `status`. */
export async function startHttpReceiver(): Promise<HttpReceiver> {
  const requests: ReceivedRequest[] = [];
  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      requests.push({
        method: request.method ?? "",
        url: request.url ?? "",
        headers: request.headers,
        body: Buffer.concat(chunks).toString("utf8"),
      });
      response.writeHead(receiver.status, { "content-type": "text/plain" }).end("ok");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  const receiver: HttpReceiver = {
    url: `http://127.0.0.1:${port}/hooks/estate-desk`,
    requests,
    status: 200,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  return receiver;
}

export interface ServerSentEvent {
  event: string;
  data: string;
}

/** Reads server-sent events from a fetch response body, one at a time. */
export class SseReader {
  private buffer = "";
  private pending: Promise<ReadableStreamReadResult<Uint8Array>> | undefined;
  private readonly decoder = new TextDecoder();
  readonly comments: string[] = [];

  constructor(private readonly reader: ReadableStreamDefaultReader<Uint8Array>) {}

  /** The next event that is not a comment or a bare `retry:`; rejects after `timeoutMs`. */
  async next(timeoutMs: number): Promise<ServerSentEvent> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const separator = this.buffer.indexOf("\n\n");
      if (separator >= 0) {
        const block = this.buffer.slice(0, separator);
        this.buffer = this.buffer.slice(separator + 2);
        const event = this.parse(block);
        if (event) return event;
        continue;
      }
      const remaining = deadline - Date.now();
      if (remaining <= 0) throw new Error("no event in time");
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error("no event in time")), remaining);
      });
      try {
        // A read outlives a timeout: the next call waits on the same one, so no chunk is lost.
        this.pending ??= this.reader.read();
        const chunk = await Promise.race([this.pending, timeout]);
        this.pending = undefined;
        if (chunk.done) throw new Error("the stream ended");
        this.buffer += this.decoder.decode(chunk.value, { stream: true });
      } finally {
        clearTimeout(timer);
      }
    }
  }

  private parse(block: string): ServerSentEvent | undefined {
    let event = "message";
    const data: string[] = [];
    for (const line of block.split("\n")) {
      if (line.startsWith(":")) this.comments.push(line.slice(1).trim());
      else if (line.startsWith("event:")) event = line.slice(6).trim();
      else if (line.startsWith("data:")) data.push(line.slice(5).trim());
    }
    return data.length > 0 ? { event, data: data.join("\n") } : undefined;
  }
}
