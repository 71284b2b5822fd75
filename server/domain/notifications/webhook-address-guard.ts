import dns from "node:dns";
import { BlockList, isIP } from "node:net";

// A channel URL is chosen by an org's admins but fetched from inside our network: without this
// guard it could reach the cloud metadata service, the database or anything else only reachable
// from here (SSRF). Private, loopback and link-local receivers are refused unless the operator
// opts in with WARDEN_ALLOW_PRIVATE_WEBHOOKS=1 (local receivers in development and tests).

export const ALLOW_PRIVATE_WEBHOOKS_ENV = "WARDEN_ALLOW_PRIVATE_WEBHOOKS";

const blocked = new BlockList();
for (const [network, prefix] of [
  ["0.0.0.0", 8], // "this network"; 0.0.0.0 reaches the local host
  ["10.0.0.0", 8],
  ["100.64.0.0", 10], // carrier-grade NAT, internal to providers
  ["127.0.0.0", 8],
  ["169.254.0.0", 16], // link-local, incl. the cloud metadata address 169.254.169.254
  ["172.16.0.0", 12],
  ["192.168.0.0", 16],
] as const) {
  blocked.addSubnet(network, prefix, "ipv4");
}
blocked.addAddress("::", "ipv6");
blocked.addAddress("::1", "ipv6");
blocked.addSubnet("fc00::", 7, "ipv6"); // unique local
blocked.addSubnet("fe80::", 10, "ipv6"); // link-local

export function privateWebhooksAllowed(): boolean {
  return process.env[ALLOW_PRIVATE_WEBHOOKS_ENV] === "1";
}

/** Whether an IP address is private, loopback, link-local or unspecified (true for non-IPs too). */
export function isPrivateAddress(address: string): boolean {
  const bare = address.replace(/^\[|\]$/g, "").replace(/%.*$/, "");
  const family = isIP(bare);
  if (family === 4) return blocked.check(bare, "ipv4");
  if (family !== 6) return true; // Not an address: nothing we could vouch for.
  // An IPv4-mapped IPv6 address (::ffff:127.0.0.1) reaches the IPv4 host.
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(bare)?.[1];
  if (mapped) return blocked.check(mapped, "ipv4");
  const hex = /^::ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})$/i.exec(bare);
  if (hex) {
    const n = (parseInt(hex[1]!, 16) << 16) | parseInt(hex[2]!, 16);
    return blocked.check([n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join("."), "ipv4");
  }
  return blocked.check(bare, "ipv6");
}

export const PRIVATE_RECEIVER_MESSAGE =
  "This URL points at a private or internal address (such as localhost, 10.x, 192.168.x or 169.254.x); use a receiver reachable on the public internet.";

/** Names that always mean this host, whatever DNS says. */
function isLocalName(hostname: string): boolean {
  const name = hostname.toLowerCase().replace(/\.$/, "");
  return name === "localhost" || name.endsWith(".localhost");
}

/** Why this host may not receive webhooks without resolving it (a literal IP or localhost); null if fine. */
export function literalHostProblem(hostname: string): string | null {
  if (privateWebhooksAllowed()) return null;
  const bare = hostname.replace(/^\[|\]$/g, "");
  if (isLocalName(bare)) return PRIVATE_RECEIVER_MESSAGE;
  if (isIP(bare) && isPrivateAddress(bare)) return PRIVATE_RECEIVER_MESSAGE;
  return null;
}

const SAVE_LOOKUP_TIMEOUT_MS = 3000;

/**
 * The check made when a channel is saved: the literal host, then what its name resolves to now.
 * A name that does not resolve (yet) is accepted; the delivery-time check is the one that counts,
 * since DNS can change after saving.
 */
export async function channelUrlAddressProblem(value: string): Promise<string | null> {
  if (privateWebhooksAllowed()) return null;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return null; // The format check reports it.
  }
  const literal = literalHostProblem(url.hostname);
  if (literal || isIP(url.hostname.replace(/^\[|\]$/g, ""))) return literal;
  const addresses = await Promise.race([
    dns.promises.lookup(url.hostname, { all: true, verbatim: true }).catch(() => []),
    new Promise<[]>((resolve) => setTimeout(() => resolve([]), SAVE_LOOKUP_TIMEOUT_MS).unref()),
  ]);
  return addresses.some((a) => isPrivateAddress(a.address)) ? PRIVATE_RECEIVER_MESSAGE : null;
}

export class PrivateAddressError extends Error {
  constructor(readonly address: string) {
    super(`the receiver's address ${address} is private or internal, so it was not contacted`);
    this.name = "PrivateAddressError";
  }
}

type LookupCallback = (
  error: NodeJS.ErrnoException | null,
  address: string | dns.LookupAddress[],
  family?: number,
) => void;

/**
 * A `lookup` for http(s).request that resolves the host and refuses it if ANY of its addresses is
 * private. The socket then connects to the addresses checked here, so a DNS answer that changes
 * between the check and the connection (rebinding) cannot slip through.
 */
export function guardedLookup(hostname: string, options: dns.LookupOptions, callback: LookupCallback): void {
  dns.lookup(hostname, { ...options, all: true }, (error, addresses) => {
    if (error) return callback(error, []);
    if (!privateWebhooksAllowed()) {
      const bad = addresses.find((a) => isPrivateAddress(a.address));
      if (bad) return callback(new PrivateAddressError(bad.address), []);
    }
    if (options.all) return callback(null, addresses);
    const first = addresses[0];
    if (!first)
      return callback(Object.assign(new Error(`${hostname} has no address`), { code: "ENOTFOUND" }), []);
    callback(null, first.address, first.family);
  });
}
