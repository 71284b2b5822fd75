import { z } from "zod";
import { ROLES, type RoleName } from "../auth/permissions";

// Field rules for members, shared by the tRPC inputs and the domain functions, so that a value
// accepted by a form is accepted by the change behind it.

export const memberEmailSchema = z
  .string()
  .trim()
  .toLowerCase()
  .max(320, "Keep the e-mail address to 320 characters or fewer.")
  .pipe(z.email("Enter an e-mail address like sam@example.com."));

export const memberNameSchema = z
  .string()
  .trim()
  .min(1, "Give the person's name.")
  .max(120, "Keep the name to 120 characters or fewer.");

/** Roles in their canonical order, without repeats, so that [OWNER, ADMIN] equals [ADMIN, OWNER]. */
export function canonicalRoles(roles: readonly RoleName[]): RoleName[] {
  return ROLES.filter((role) => roles.includes(role));
}

export const memberRolesSchema = z
  .array(z.enum(ROLES, "Choose among Admin, Security, Owner and Auditor."))
  .min(1, "Give the member at least one role.")
  .max(ROLES.length * 2, "Choose each role at most once.")
  .transform(canonicalRoles);

export const sameRoles = (a: readonly RoleName[], b: readonly RoleName[]): boolean =>
  canonicalRoles(a).join() === canonicalRoles(b).join();

/** Who may own agents (see assertEligibleOwner): keep in step with it. */
export const canOwnAgents = (roles: readonly RoleName[]): boolean =>
  roles.includes("OWNER") || roles.includes("ADMIN");
