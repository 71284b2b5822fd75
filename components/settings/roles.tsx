import { useId } from "react";
import { Badge, type Tone } from "@/components/ui/badge";
// A plain constant module (no server-only imports): the console shows the same sentences the
// server's permission table is documented with, so the two cannot drift apart.
import { ROLE_DESCRIPTIONS, ROLES, type RoleName } from "@/server/domain/auth/permissions";

export { ROLE_DESCRIPTIONS, ROLES, type RoleName };

const ROLE_TONE: Record<RoleName, Tone> = {
  ADMIN: "violet",
  SECURITY: "red",
  OWNER: "blue",
  AUDITOR: "gray",
};

export const roleLabel = (role: string): string => role.charAt(0) + role.slice(1).toLowerCase();

const isRole = (role: string): role is RoleName => (ROLES as readonly string[]).includes(role);

/** A member's roles as badges, each with its description on hover. */
export function RoleBadges({ roles }: { roles: readonly string[] }) {
  return (
    <div className="flex flex-wrap gap-1">
      {roles.map((role) => (
        <Badge
          key={role}
          tone={isRole(role) ? ROLE_TONE[role] : "gray"}
          title={isRole(role) ? ROLE_DESCRIPTIONS[role] : undefined}
        >
          {roleLabel(role)}
        </Badge>
      ))}
    </div>
  );
}

/** Checkboxes for the four roles, each with its one-line description. */
export function RoleCheckboxes({
  value,
  onChange,
  error,
  disabled,
}: {
  value: readonly RoleName[];
  onChange: (roles: RoleName[]) => void;
  error?: string | null;
  disabled?: boolean;
}) {
  const errorId = useId();
  return (
    <fieldset className="space-y-2" aria-describedby={error ? errorId : undefined}>
      <legend className="text-sm font-medium text-slate-800">Roles</legend>
      <p className="-mt-1 text-xs text-slate-500">A member may hold several.</p>
      <div className="space-y-2">
        {ROLES.map((role) => {
          const checked = value.includes(role);
          return (
            <label
              key={role}
              className={
                "flex cursor-pointer items-start gap-3 rounded-md p-2.5 ring-1 transition-colors has-[:focus-visible]:ring-2 has-[:focus-visible]:ring-brand-500 " +
                (checked ? "bg-brand-50/60 ring-brand-300" : "bg-white ring-slate-200 hover:ring-slate-300")
              }
            >
              <input
                type="checkbox"
                checked={checked}
                disabled={disabled}
                onChange={(e) =>
                  onChange(
                    e.target.checked
                      ? ROLES.filter((r) => r === role || value.includes(r))
                      : value.filter((r) => r !== role),
                  )
                }
                className="mt-0.5 size-4 shrink-0 accent-brand-600"
              />
              <span className="min-w-0">
                <span className="block text-sm font-medium text-slate-900">{roleLabel(role)}</span>
                <span className="block text-xs leading-5 text-slate-600">{ROLE_DESCRIPTIONS[role]}</span>
              </span>
            </label>
          );
        })}
      </div>
      {error && (
        <p id={errorId} role="alert" className="text-xs font-medium text-red-600">
          {error}
        </p>
      )}
    </fieldset>
  );
}
