import type { DbOrTx } from "../../db";
import { fieldError } from "../agents/agent-fields";

/**
 * What the audit trail keeps of a channel: never the signing secret, and only the URL's origin —
 * a Slack webhook URL is itself a credential (anyone holding it can post to the channel).
 */
export function channelAuditSnapshot(channel: {
  kind: string;
  name: string;
  url: string;
  events: string[];
  environmentId: string | null;
  enabled: boolean;
}) {
  return {
    kind: channel.kind,
    name: channel.name,
    urlOrigin: safeOrigin(channel.url),
    events: channel.events,
    environmentId: channel.environmentId,
    enabled: channel.enabled,
  };
}

export function safeOrigin(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    return "";
  }
}

/** A URL as the console shows it: origin and the start of the path, the rest masked. */
export function maskedUrl(url: string): string {
  try {
    const parsed = new URL(url);
    const path = parsed.pathname.length > 12 ? `${parsed.pathname.slice(0, 12)}…` : parsed.pathname;
    return `${parsed.origin}${path}`;
  } catch {
    return "";
  }
}

export async function assertEnvironmentOfOrg(client: DbOrTx, orgId: string, environmentId: string | null) {
  if (!environmentId) return;
  const environment = await client.environment.findFirst({
    where: { id: environmentId, orgId },
    select: { id: true },
  });
  if (!environment) throw fieldError("NOT_FOUND", "environmentId", "That environment was not found.");
}
