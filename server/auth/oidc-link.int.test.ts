// OIDC sign-in on the real database: the provider's subject is the identity once linked; an
// e-mail links an invited user only when the provider says it is verified, and only once.
import { describe, expect, it } from "vitest";
import { db } from "@/server/db";
import { rand } from "@/test/factories";
import { oidcSignInUser } from "./oidc-link";

async function invitedUser() {
  const email = `sso-${rand()}@test.warden`;
  const user = await db.user.create({ data: { email, name: "SSO User" } });
  return { id: user.id, email };
}

const identity = (email: string | null, emailVerified: unknown, subject = `sub-${rand()}`) => ({
  provider: "oidc",
  providerAccountId: subject,
  email,
  emailVerified,
});

describe("OIDC sign-in", () => {
  it("links an invited user by a verified e-mail, then knows them by subject alone", async () => {
    const user = await invitedUser();
    const first = identity(user.email.toUpperCase(), true);
    expect(await oidcSignInUser(db, first)).toEqual({ userId: user.id });
    // Later the provider may send another address (or none): the subject decides.
    expect(
      await oidcSignInUser(db, { ...first, email: "someone-else@test.warden", emailVerified: false }),
    ).toEqual({ userId: user.id });
    expect(await db.account.count({ where: { userId: user.id } })).toBe(1);
  });

  it("refuses an unverified or unasserted e-mail, so nobody becomes a member by claiming an address", async () => {
    const user = await invitedUser();
    for (const verified of [false, undefined, "true", 1]) {
      expect(await oidcSignInUser(db, identity(user.email, verified))).toEqual({
        refused: "EmailNotVerified",
      });
    }
    expect(await db.account.count({ where: { userId: user.id } })).toBe(0);
  });

  it("refuses people who were not invited, and a second subject for an already linked user", async () => {
    expect(await oidcSignInUser(db, identity(`nobody-${rand()}@test.warden`, true))).toEqual({
      refused: "NotInvited",
    });
    expect(await oidcSignInUser(db, identity(null, true))).toEqual({ refused: "NoEmail" });
    const user = await invitedUser();
    expect(await oidcSignInUser(db, identity(user.email, true))).toEqual({ userId: user.id });
    expect(await oidcSignInUser(db, identity(user.email, true))).toEqual({ refused: "AccountLinked" });
  });

  it("two first sign-ins of one subject at once link it once", async () => {
    const user = await invitedUser();
    const same = identity(user.email, true);
    const results = await Promise.all([oidcSignInUser(db, same), oidcSignInUser(db, same)]);
    expect(results).toEqual([{ userId: user.id }, { userId: user.id }]);
    expect(await db.account.count({ where: { userId: user.id } })).toBe(1);
  });
});
