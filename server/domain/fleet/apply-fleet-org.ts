import type { Tx } from "../../db";
import { ROLES, type RoleName } from "../auth/permissions";
import { environmentAuditSnapshot } from "../environments/environment-fields";
import type { FleetChanges } from "./fleet-changes";
import { fleetEnvironments, type FleetDocument } from "./fleet-schema";

// The org, its environments and its members, as a fleet file declares them. Environments and
// members that the file does not list are left alone: agents live in environments and people
// may have been invited from the console.

/** Roles in their canonical order, without repeats, so that [OWNER, ADMIN] equals [ADMIN, OWNER]. */
export function normalizeRoles(roles: readonly RoleName[]): RoleName[] {
  return ROLES.filter((role) => roles.includes(role));
}

export async function applyOrg(tx: Tx, doc: FleetDocument, changes: FleetChanges): Promise<string> {
  const existing = await tx.organization.findUnique({
    where: { slug: doc.org },
    select: { id: true, name: true },
  });
  if (!existing) {
    const org = await tx.organization.create({
      data: { slug: doc.org, name: doc.orgName ?? doc.org },
      select: { id: true, name: true },
    });
    changes.orgId = org.id;
    await changes.record(
      "created",
      `org ${doc.org}`,
      {
        action: "org.created",
        targetType: "organization",
        targetId: org.id,
        after: { slug: doc.org, name: org.name },
      },
      { policy: false },
    );
    return org.id;
  }
  changes.orgId = existing.id;
  if (doc.orgName !== undefined && doc.orgName !== existing.name) {
    await tx.organization.update({ where: { id: existing.id }, data: { name: doc.orgName } });
    await changes.record(
      "updated",
      `org ${doc.org}: name "${existing.name}" → "${doc.orgName}"`,
      {
        action: "org.updated",
        targetType: "organization",
        targetId: existing.id,
        before: { name: existing.name },
        after: { name: doc.orgName },
      },
      { policy: false },
    );
  } else changes.same();
  return existing.id;
}

/** Create or update the declared environments; returns every environment id of the org by name. */
export async function applyEnvironments(
  tx: Tx,
  orgId: string,
  doc: FleetDocument,
  changes: FleetChanges,
): Promise<Map<string, string>> {
  const select = { id: true, name: true, isProduction: true, frozen: true } as const;
  const rows = await tx.environment.findMany({ where: { orgId }, select });
  const byName = new Map(rows.map((row) => [row.name, row]));
  for (const environment of fleetEnvironments(doc)) {
    const row = byName.get(environment.name);
    if (!row) {
      const created = await tx.environment.create({
        data: { orgId, name: environment.name, isProduction: environment.production },
        select,
      });
      byName.set(created.name, created);
      await changes.record(
        "created",
        `environment ${environment.name}${environment.production ? " (production)" : ""}`,
        {
          action: "environment.created",
          targetType: "environment",
          targetId: created.id,
          after: environmentAuditSnapshot(created),
        },
        { policy: true },
      );
    } else if (row.isProduction !== environment.production) {
      const updated = await tx.environment.update({
        where: { id: row.id },
        data: { isProduction: environment.production },
        select,
      });
      await changes.record(
        "updated",
        `environment ${environment.name}: production ${row.isProduction} → ${environment.production}`,
        {
          action: "environment.updated",
          targetType: "environment",
          targetId: row.id,
          before: environmentAuditSnapshot(row),
          after: environmentAuditSnapshot(updated),
        },
        { policy: true },
      );
    } else changes.same();
  }
  return new Map([...byName.values()].map((row) => [row.name, row.id]));
}

type MemberSnapshot = { memberId: string; userId: string; email: string; name: string; roles: RoleName[] };

/**
 * Create users (without passwords: they sign in once one is set, or through OIDC) and make them
 * members with exactly the roles listed. Returns member ids by lower-case e-mail.
 */
export async function applyMembers(
  tx: Tx,
  orgId: string,
  doc: FleetDocument,
  changes: FleetChanges,
): Promise<Map<string, string>> {
  const memberIds = new Map<string, string>();
  for (const declared of doc.members) {
    const roles = normalizeRoles(declared.roles);
    let user = await tx.user.findFirst({
      where: { email: { equals: declared.email, mode: "insensitive" } },
      select: { id: true, email: true, name: true },
    });
    user ??= await tx.user.create({
      data: { email: declared.email, name: declared.name ?? declared.email.split("@")[0]! },
      select: { id: true, email: true, name: true },
    });
    const member = await tx.member.findUnique({
      where: { orgId_userId: { orgId, userId: user.id } },
      select: { id: true, roles: true },
    });
    if (!member) {
      const created = await tx.member.create({
        data: { orgId, userId: user.id, roles },
        select: { id: true },
      });
      memberIds.set(declared.email, created.id);
    } else {
      memberIds.set(declared.email, member.id);
    }
    const snapshot: MemberSnapshot = {
      memberId: memberIds.get(declared.email)!,
      userId: user.id,
      email: user.email,
      name: user.name,
      roles: member ? normalizeRoles(member.roles) : roles,
    };
    // The user's name first: a new member is then recorded under the name the file gives.
    const name = declared.name;
    if (name !== undefined && name !== user.name) {
      await tx.user.update({ where: { id: user.id }, data: { name } });
      const renamed = { ...snapshot, name };
      if (member) {
        await changes.record(
          "updated",
          `member ${user.email}: name`,
          {
            action: "member.updated",
            targetType: "member",
            targetId: member.id,
            before: snapshot,
            after: renamed,
          },
          { policy: false },
        );
      }
      snapshot.name = name;
    }
    if (!member) {
      await changes.record(
        "created",
        `member ${user.email} (${roles.join(", ") || "no roles"})`,
        { action: "member.created", targetType: "member", targetId: snapshot.memberId, after: snapshot },
        { policy: false },
      );
    } else if (snapshot.roles.join() !== roles.join()) {
      await tx.member.update({ where: { id: member.id }, data: { roles } });
      await changes.record(
        "updated",
        `member ${user.email}: roles ${snapshot.roles.join(", ") || "none"} → ${roles.join(", ") || "none"}`,
        {
          action: "member.roles_changed",
          targetType: "member",
          targetId: member.id,
          before: snapshot,
          after: { ...snapshot, roles },
        },
        { policy: false },
      );
    } else if (name === undefined || name === user.name) {
      changes.same();
    }
  }
  return memberIds;
}
