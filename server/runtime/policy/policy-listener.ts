import { POLICY_CHANNEL } from "../../domain/policy/bump-policy-version";
import { ChannelListener } from "../pg-channel-listener";

export type PolicyChange = { orgId: string; version: number };

/** `<orgId>:<version>`, as bumpPolicyVersion sends it; null for anything else. */
export function parsePolicyChange(payload: string): PolicyChange | null {
  const separator = payload.lastIndexOf(":");
  const version = Number(payload.slice(separator + 1));
  if (separator <= 0 || !Number.isInteger(version)) return null;
  return { orgId: payload.slice(0, separator), version };
}

/**
 * Policy changes on `warden_policy`, over a reconnecting LISTEN connection. Notifications sent
 * while it is down are lost; the cache's version check covers that gap, and `onReconnect` lets it
 * check at once.
 */
export class PolicyListener extends ChannelListener {
  constructor(
    connectionString: string,
    handlers: { onChange: (change: PolicyChange) => void; onReconnect: () => void },
  ) {
    super(connectionString, POLICY_CHANNEL, {
      onNotification: (payload) => {
        const change = parsePolicyChange(payload);
        if (change) handlers.onChange(change);
      },
      onReconnect: handlers.onReconnect,
    });
  }
}
