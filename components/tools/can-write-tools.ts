// The console hides catalog actions from those who cannot take them. This mirrors the
// `tools:write` permission (server/domain/auth/permissions.ts); the server stays the authority.
const TOOL_WRITERS = ["ADMIN", "SECURITY", "OWNER"];

export function canWriteTools(roles: readonly string[] | undefined): boolean {
  return (roles ?? []).some((role) => TOOL_WRITERS.includes(role));
}
