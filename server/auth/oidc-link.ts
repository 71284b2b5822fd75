import type { Db } from "../db";

export type OidcIdentity = {
  provider: string;
  providerAccountId: string;
  email: string | null | undefined;
  /** The provider's `email_verified` claim; anything but `true` is unverified. */
  emailVerified: unknown;
};

/** Why an OIDC sign-in is refused; the sign-in page turns each into a sentence. */
export type OidcRefusal = "NoEmail" | "EmailNotVerified" | "NotInvited" | "AccountLinked";

/**
 * The Warden user an OIDC sign-in is, or why it is refused. The provider's subject is the
 * identity once linked; the e-mail only links an invited user the first time, and only when the
 * provider vouches for it — else anyone able to set an address at the provider could become that
 * member. A user links one subject per provider. Never creates users: members are invited.
 */
export async function oidcSignInUser(
  db: Db,
  identity: OidcIdentity,
): Promise<{ userId: string } | { refused: OidcRefusal }> {
  const { provider, providerAccountId } = identity;
  const linked = await db.account.findUnique({
    where: { provider_providerAccountId: { provider, providerAccountId } },
    select: { userId: true },
  });
  if (linked) return { userId: linked.userId };
  const email = identity.email?.trim().toLowerCase();
  if (!email) return { refused: "NoEmail" };
  if (identity.emailVerified !== true) return { refused: "EmailNotVerified" };
  const user = await db.user.findUnique({ where: { email }, select: { id: true } });
  if (!user) return { refused: "NotInvited" };
  // Another subject of this provider (the same one may have been linked by a simultaneous sign-in).
  const otherLink = await db.account.findFirst({
    where: { userId: user.id, provider, providerAccountId: { not: providerAccountId } },
    select: { id: true },
  });
  if (otherLink) return { refused: "AccountLinked" };
  // Two first sign-ins at once: the unique (provider, subject) key lets one create; both then read it.
  await db.account.createMany({
    data: [{ userId: user.id, provider, providerAccountId }],
    skipDuplicates: true,
  });
  const created = await db.account.findUniqueOrThrow({
    where: { provider_providerAccountId: { provider, providerAccountId } },
    select: { userId: true },
  });
  return { userId: created.userId };
}
