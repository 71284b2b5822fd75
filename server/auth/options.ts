import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import type { OAuthConfig } from "next-auth/providers/oauth";
import { db } from "../db";
import { passwordSignIn } from "./password-sign-in";

type OidcProfile = { sub: string; email?: string; name?: string; preferred_username?: string };

/**
 * A generic OIDC provider (Okta, Entra ID, Google, Keycloak …), enabled when its issuer, client id
 * and secret are set. Only people already invited as members can sign in through it.
 */
export function oidcProvider(env: NodeJS.ProcessEnv = process.env): OAuthConfig<OidcProfile> | null {
  const issuer = env.WARDEN_OIDC_ISSUER;
  const clientId = env.WARDEN_OIDC_CLIENT_ID;
  const clientSecret = env.WARDEN_OIDC_CLIENT_SECRET;
  if (!issuer || !clientId || !clientSecret) return null;
  return {
    id: "oidc",
    name: env.WARDEN_OIDC_NAME ?? "Single sign-on",
    type: "oauth",
    wellKnown: `${issuer.replace(/\/$/, "")}/.well-known/openid-configuration`,
    clientId,
    clientSecret,
    authorization: { params: { scope: "openid email profile" } },
    idToken: true,
    checks: ["pkce", "state"],
    profile(profile) {
      return {
        id: profile.sub,
        email: profile.email?.toLowerCase() ?? null,
        name: profile.name ?? profile.preferred_username ?? profile.email ?? profile.sub,
      };
    },
  };
}

export function authSecret(): string {
  const secret = process.env.NEXTAUTH_SECRET ?? process.env.AUTH_SECRET;
  if (!secret) throw new Error("NEXTAUTH_SECRET is not set (npm start generates one into .warden/).");
  return secret;
}

export const authOptions: NextAuthOptions = {
  session: { strategy: "jwt", maxAge: 12 * 60 * 60 },
  pages: { signIn: "/signin" },
  get secret() {
    return authSecret();
  },
  providers: [
    CredentialsProvider({
      id: "password",
      name: "E-mail and password",
      credentials: {
        email: { label: "E-mail", type: "email" },
        password: { label: "Password", type: "password" },
      },
      // Client IPs are not used: behind proxies the forwarded address is whatever the client claims.
      authorize: (credentials) => passwordSignIn(db, credentials),
    }),
    ...(oidcProvider() ? [oidcProvider()!] : []),
  ],
  callbacks: {
    async signIn({ user, account }) {
      if (!account || account.provider === "password") return true;
      // OIDC: link to an existing (invited) user by verified e-mail; never create members here.
      const email = user.email?.toLowerCase();
      if (!email) return false;
      const existing = await db.user.findUnique({ where: { email }, select: { id: true } });
      if (!existing) return "/signin?error=NotInvited";
      await db.account.upsert({
        where: {
          provider_providerAccountId: {
            provider: account.provider,
            providerAccountId: account.providerAccountId,
          },
        },
        create: {
          userId: existing.id,
          provider: account.provider,
          providerAccountId: account.providerAccountId,
        },
        update: {},
      });
      await db.user.update({ where: { id: existing.id }, data: { lastLoginAt: new Date() } });
      user.id = existing.id;
      return true;
    },
    async jwt({ token, user, account }) {
      if (user && account?.provider === "password") token.uid = user.id;
      else if (user?.email) {
        const linked = await db.user.findUnique({
          where: { email: user.email.toLowerCase() },
          select: { id: true },
        });
        if (linked) token.uid = linked.id;
      }
      return token;
    },
    session({ session, token }) {
      if (session.user && typeof token.uid === "string") session.user.id = token.uid;
      return session;
    },
  },
};
