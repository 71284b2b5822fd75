// The reason codes of /api/decide. They are part of the contract: runtimes branch on them, so a
// code never changes meaning once published (new codes may be added). Each comes with a sentence
// a non-engineer understands; the OpenAPI document is generated from this table.

export type DecisionKind = "allow" | "deny" | "require_approval";

type ReasonEntry = {
  /** The answer this code comes with. */
  decision: DecisionKind;
  message: string;
};

export const REASON_CODES = {
  ALLOWED_BY_GRANT: {
    decision: "allow",
    message: "The action is allowed: a grant of this agent covers it.",
  },
  APPROVED: {
    decision: "allow",
    message: "The action is allowed once: people approved exactly this action.",
  },
  PLAN_APPROVED: {
    decision: "allow",
    message: "The action is allowed: it is a step of a plan that people approved.",
  },
  APPROVAL_REQUIRED: {
    decision: "require_approval",
    message:
      "A person must approve this action before it can run. Wait for the approval, then ask again with its id.",
  },
  APPROVAL_PENDING: {
    decision: "require_approval",
    message: "The approval for this action has not been decided yet. Wait, then ask again.",
  },
  NO_MATCHING_GRANT: {
    decision: "deny",
    message: "The action is refused: no grant of this agent covers this tool, operation and resource.",
  },
  PARAMS_OUT_OF_SCOPE: {
    decision: "deny",
    message: "The action is refused: its parameters are outside what the agent's grant allows.",
  },
  GRANT_EXPIRED: {
    decision: "deny",
    message: "The action is refused: the grant that covered it has expired.",
  },
  ENVIRONMENT_MISMATCH: {
    decision: "deny",
    message:
      "The action is refused: the agent belongs to a different environment than the one the request names.",
  },
  AUTONOMY_OBSERVE_ONLY: {
    decision: "deny",
    message: "The action is refused: this agent only observes. The request was recorded as a suggestion.",
  },
  QUOTA_EXCEEDED: {
    decision: "deny",
    message: "The action is refused: the agent has used up one of its quotas for this period.",
  },
  AGENT_PAUSED: {
    decision: "deny",
    message: "The action is refused: the agent is paused.",
  },
  AGENT_DECOMMISSIONED: {
    decision: "deny",
    message: "The action is refused: the agent has been decommissioned.",
  },
  ENVIRONMENT_FROZEN: {
    decision: "deny",
    message: "The action is refused: the agent's environment is frozen.",
  },
  ORG_FROZEN: {
    decision: "deny",
    message: "The action is refused: all agents of this organization are stopped.",
  },
  APPROVAL_DENIED: {
    decision: "deny",
    message: "The action is refused: people denied (or cancelled) the approval for it.",
  },
  APPROVAL_EXPIRED: {
    decision: "deny",
    message:
      "The action is refused: its approval expired before it was used. Ask again to request a new one.",
  },
  APPROVAL_CONSUMED: {
    decision: "deny",
    message: "The action is refused: its approval has already been used once.",
  },
  APPROVAL_ACTION_MISMATCH: {
    decision: "deny",
    message: "The action is refused: the approval presented was given for a different action or agent.",
  },
  APPROVAL_QUEUE_FULL: {
    decision: "deny",
    message: "The action is refused: this agent already has as many approvals waiting as it may have.",
  },
} as const satisfies Record<string, ReasonEntry>;

export type ReasonCode = keyof typeof REASON_CODES;

export type Reason = { code: ReasonCode; message: string };

export function reason(code: ReasonCode): Reason {
  return { code, message: REASON_CODES[code].message };
}

/** Codes answered as HTTP errors rather than decisions (see server/domain/errors.ts for statuses). */
export const DECIDE_ERROR_CODES = {
  AUTHENTICATION_FAILED: "The credential or token is missing, unknown, expired or revoked.",
  INVALID_REQUEST:
    "The request is malformed: unknown or duplicate fields, wrong types, or too deeply nested.",
  NON_CANONICAL_RESOURCE:
    "The resource is not written in its one canonical form (e.g. it contains .., %2F or a trailing slash).",
  PAYLOAD_TOO_LARGE: "The request body is larger than 64 KB.",
  IDEMPOTENCY_CONFLICT: "This idempotency key was already used with a different request.",
  RUN_ENDED: "The run named in the request has already ended; start a new run for further actions.",
  STORE_UNAVAILABLE: "Warden's database is unavailable; nothing was allowed. Retry shortly.",
} as const;
