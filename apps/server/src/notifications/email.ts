import { notificationTopicSchema } from "@estate-desk/domain";
import nodemailer from "nodemailer";
import type { Deliverer } from "./channels.js";
import { renderNotification } from "./templates.js";

export interface EmailOptions {
  /** SMTP_URL, e.g. `smtp://user:pass@host:587`; its query may set more nodemailer options (`?pool=true`). */
  smtpUrl: string;
  /** MAIL_FROM. */
  mailFrom: string;
  /** PUBLIC_URL, for the link to the case. */
  publicUrl: string | null;
}

export interface EmailChannel {
  deliver: Deliverer;
  /** Closes the transport's connections (a pooled transport keeps them open). */
  close(): void;
}

/**
 * The e-mail deliverer: one nodemailer transport for the worker's lifetime. A failure to hand
 * the message to the SMTP server throws, so the outbox retries it with backoff.
 */
export function createEmailChannel(options: EmailOptions): EmailChannel {
  const transport = nodemailer.createTransport({
    url: options.smtpUrl,
    // Nodemailer waits minutes by default; a delivery must end well within the outbox lease
    // (60 s), or another worker would take the message over and send it a second time.
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 30_000,
  });
  const deliver: Deliverer = async (message) => {
    if (!message.email) throw new Error("e-mail message without an address");
    const rendered = renderNotification(
      notificationTopicSchema.parse(message.topic),
      message.params,
      message.caseId,
      options.publicUrl,
    );
    await transport.sendMail({
      from: options.mailFrom,
      to: message.email,
      subject: rendered.subject,
      text: rendered.body,
      // Lets a mail system spot the same outbox message delivered twice (delivery is at least once).
      headers: { "X-EstateDesk-Delivery": message.id },
    });
  };
  return { deliver, close: () => transport.close() };
}
