import { AppError } from "../errors";

export const ROLES = ["ADMIN", "SECURITY", "OWNER", "AUDITOR"] as const;
export type RoleName = (typeof ROLES)[number];

export const ROLE_DESCRIPTIONS: Record<RoleName, string> = {
  ADMIN: "Manages members, environments and org settings; can change any agent.",
  SECURITY: "Approves pending actions, pauses agents and freezes environments; can change any agent.",
  OWNER: "Registers agents and manages the ones they own.",
  AUDITOR: "Reads everything, changes nothing.",
};

/** Who may do what. Every procedure and handler checks one of these, inside itself. */
export const PERMISSIONS = {
  "org:read": ["ADMIN", "SECURITY", "OWNER", "AUDITOR"],
  "agents:create": ["ADMIN", "OWNER"],
  /** Change any agent (its grants, quotas, credentials, state). */
  "agents:manage-any": ["ADMIN", "SECURITY"],
  /** Change the agents one owns. */
  "agents:manage-own": ["OWNER"],
  /** Add tools, operations and redaction rules, and make them stricter. */
  "tools:write": ["ADMIN", "SECURITY", "OWNER"],
  /**
   * Loosen the org-wide catalog: lower an operation's effect class, delete an operation or tool
   * that grants use, delete or weaken a redaction rule. Every agent of the org is affected.
   */
  "tools:loosen": ["ADMIN", "SECURITY"],
  "members:manage": ["ADMIN"],
  "environments:manage": ["ADMIN"],
  "approvals:decide": ["SECURITY"],
  "killswitch:use": ["ADMIN", "SECURITY"],
  "incidents:write": ["ADMIN", "SECURITY"],
  /** Notification channels (Slack, signed webhooks) of the org: they hold webhook URLs and secrets. */
  "notifications:manage": ["ADMIN", "SECURITY"],
  "audit:read": ["ADMIN", "SECURITY", "OWNER", "AUDITOR"],
  /** Org-wide settings such as the retention period of stored payloads. */
  "settings:manage": ["ADMIN"],
} as const satisfies Record<string, readonly RoleName[]>;

export type Permission = keyof typeof PERMISSIONS;

export type MemberContext = {
  id: string;
  orgId: string;
  userId: string;
  email: string;
  roles: readonly RoleName[];
};

export function can(member: Pick<MemberContext, "roles">, permission: Permission): boolean {
  const allowed: readonly RoleName[] = PERMISSIONS[permission];
  return member.roles.some((role) => allowed.includes(role));
}

export function authorize(member: Pick<MemberContext, "roles">, permission: Permission): void {
  if (!can(member, permission)) {
    throw new AppError("FORBIDDEN", "Your role does not allow this action. Ask an admin if you need it.");
  }
}

/** An agent may be changed by ADMIN/SECURITY, or by an OWNER who owns it. */
export function canManageAgent(
  member: Pick<MemberContext, "id" | "roles">,
  agent: { ownerId: string },
): boolean {
  return (
    can(member, "agents:manage-any") || (can(member, "agents:manage-own") && agent.ownerId === member.id)
  );
}

export function authorizeAgentChange(
  member: Pick<MemberContext, "id" | "roles">,
  agent: { ownerId: string },
): void {
  if (!canManageAgent(member, agent)) {
    throw new AppError("FORBIDDEN", "Only this agent's owner, an admin or security staff can change it.");
  }
}
