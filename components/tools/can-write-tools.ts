// The console hides catalog actions from those who cannot take them. The roles come from the
// server's permission table (a plain constant module, as components/settings/roles.tsx reads it),
// so the two cannot drift apart; the server stays the authority.
import { PERMISSIONS } from "@/server/domain/auth/permissions";

const holds = (roles: readonly string[] | undefined, allowed: readonly string[]) =>
  (roles ?? []).some((role) => allowed.includes(role));

/** `tools:write`: add tools, operations and redaction rules, and make them stricter. */
export function canWriteTools(roles: readonly string[] | undefined): boolean {
  return holds(roles, PERMISSIONS["tools:write"]);
}

/** `tools:loosen`: lower effect classes, delete what grants use, remove or weaken redaction rules. */
export function canLoosenTools(roles: readonly string[] | undefined): boolean {
  return holds(roles, PERMISSIONS["tools:loosen"]);
}
