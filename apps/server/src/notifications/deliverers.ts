import type { Config } from "../config.js";
import { type Deliverers, deliverInApp } from "./channels.js";
import { createEmailChannel } from "./email.js";
import { createWebhookDeliverer } from "./webhook-delivery.js";

/** The part of the configuration the channels read. */
export type ChannelConfig = Pick<Config, "smtpUrl" | "mailFrom" | "publicUrl" | "allowPrivateWebhooks">;

export interface ChannelDeliverers {
  deliverers: Deliverers;
  /** Releases what the deliverers hold open (the SMTP transport). */
  close(): void;
}

/**
 * Every channel's deliverer as configured. Without SMTP_URL there is no e-mail deliverer:
 * no e-mail rows are queued then, and any left from before fail and stay visible as dead
 * letters instead of vanishing.
 */
export function createDeliverers(config: ChannelConfig): ChannelDeliverers {
  const email = config.smtpUrl
    ? createEmailChannel({ smtpUrl: config.smtpUrl, mailFrom: config.mailFrom, publicUrl: config.publicUrl })
    : undefined;
  const webhook = createWebhookDeliverer({ allowPrivate: config.allowPrivateWebhooks, publicUrl: config.publicUrl });
  return {
    deliverers: { in_app: deliverInApp, webhook, ...(email ? { email: email.deliver } : {}) },
    close: () => email?.close(),
  };
}
