import dns from "node:dns";
import net from "node:net";

/**
 * The SSRF guard of webhooks: an organisation administrator types the URL, and the server
 * POSTs to it from inside the network, so by default a webhook may only reach public
 * addresses (not the database, the cloud metadata service or the admin page of a router).
 */

/** Why a webhook URL is refused: becomes a 400 at subscription time and a failed attempt at delivery. */
export class WebhookTargetError extends Error {
  override readonly name = "WebhookTargetError";
}

export interface WebhookTargetPolicy {
  /** ALLOW_PRIVATE_WEBHOOKS: a gateway on the LAN (and the tests' receiver on 127.0.0.1). */
  allowPrivate: boolean;
}

const FORBIDDEN = new net.BlockList();
for (const [network, prefix] of [
  ["0.0.0.0", 8], // "this network", and 0.0.0.0 reaches the local host
  ["10.0.0.0", 8],
  ["100.64.0.0", 10], // carrier-grade NAT
  ["127.0.0.0", 8],
  ["169.254.0.0", 16], // link-local, including the cloud metadata service 169.254.169.254
  ["172.16.0.0", 12],
  ["192.168.0.0", 16],
  ["224.0.0.0", 4], // multicast
  ["240.0.0.0", 4], // reserved, and the broadcast address
] as const) {
  FORBIDDEN.addSubnet(network, prefix, "ipv4");
}
for (const [network, prefix] of [
  ["::", 128], // unspecified: reaches the local host like 0.0.0.0
  ["::1", 128],
  ["fe80::", 10], // link-local
  ["fc00::", 7], // unique-local
  ["ff00::", 8], // multicast
] as const) {
  FORBIDDEN.addSubnet(network, prefix, "ipv6");
}

/** True for loopback, private, link-local, unique-local, CGNAT, multicast and unspecified addresses. */
export function isForbiddenAddress(address: string): boolean {
  const family = net.isIP(address);
  if (family === 0) return true;
  // BlockList applies the IPv4 rules to IPv4-mapped IPv6 addresses (::ffff:127.0.0.1) too.
  return FORBIDDEN.check(address, family === 4 ? "ipv4" : "ipv6");
}

/** The host of a URL as the resolver and BlockList want it: IPv6 literals lose their brackets. */
function hostOf(url: URL): string {
  return url.hostname.replace(/^\[(.*)\]$/, "$1");
}

/** Parses and checks the form of a webhook URL, without resolving it. */
export function parseWebhookUrl(value: string): URL {
  if (!URL.canParse(value)) throw new WebhookTargetError("not a valid URL");
  const url = new URL(value);
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw new WebhookTargetError("only http and https URLs can receive webhooks");
  }
  // They would be shown in lists and audit entries; receivers authenticate us by the signature.
  if (url.username !== "" || url.password !== "")
    throw new WebhookTargetError("credentials in the URL are not allowed");
  return url;
}

async function resolveAll(host: string): Promise<string[]> {
  if (net.isIP(host) !== 0) return [host];
  try {
    const addresses = await dns.promises.lookup(host, { all: true, verbatim: true });
    return addresses.map((entry) => entry.address);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? "lookup failed";
    throw new WebhookTargetError(`the host ${host} does not resolve (${code})`);
  }
}

function refuseForbidden(host: string, addresses: readonly string[]): void {
  // Every address, not just the first: the connection may use any of them.
  const forbidden = addresses.find(isForbiddenAddress);
  if (forbidden !== undefined) {
    throw new WebhookTargetError(
      `the host ${host} resolves to the private or local address ${forbidden}; set ALLOW_PRIVATE_WEBHOOKS=true to allow it`,
    );
  }
}

/**
 * Checks a webhook URL: its form, and unless private targets are allowed, every address its
 * host resolves to. Run when a subscription is saved and again before each delivery, since
 * what a name resolves to can change.
 */
export async function checkWebhookUrl(value: string, policy: WebhookTargetPolicy): Promise<URL> {
  const url = parseWebhookUrl(value);
  if (policy.allowPrivate) return url;
  const host = hostOf(url);
  refuseForbidden(host, await resolveAll(host));
  return url;
}

/**
 * A `lookup` for http.request that applies the guard to the very addresses the connection
 * uses, so that a name re-resolved between the check and the connection (DNS rebinding)
 * cannot slip through. Node does not call it for IP literals: checkWebhookUrl covers those.
 */
export function guardedLookup(policy: WebhookTargetPolicy): net.LookupFunction {
  return (hostname, options, callback) => {
    dns.lookup(hostname, { ...options, all: true, verbatim: true }, (error, addresses) => {
      if (error) {
        callback(error, "", 0);
        return;
      }
      try {
        if (!policy.allowPrivate)
          refuseForbidden(
            hostname,
            addresses.map((entry) => entry.address),
          );
      } catch (refusal) {
        callback(refusal as NodeJS.ErrnoException, "", 0);
        return;
      }
      const first = addresses[0];
      if (options.all) callback(null, addresses);
      else if (first) callback(null, first.address, first.family);
      else callback(new WebhookTargetError(`the host ${hostname} has no address`), "", 0);
    });
  };
}
