import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import type { OAuthConfig } from "next-auth/providers/oauth";
import { db } from "../db";
import { passwordSignIn } from "./password-sign-in";
import { oidcSignInUser } from "./oidc-link";
import { standingSessionUserId } from "./session-validity";

type OidcProfile = {
  sub: string;
  email?: string;
  email_verified?: boolean;
  name?: string;
  preferred_username?: string;
};

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
    async signIn({ user, account, profile }) {
      if (!account || account.provider === "password") return true;
      const result = await oidcSignInUser(db, {
        provider: account.provider,
        providerAccountId: account.providerAccountId,
        email: user.email,
        emailVerified: (profile as OidcProfile | undefined)?.email_verified,
      });
      if ("refused" in result)
        return result.refused === "NoEmail" ? false : `/signin?error=${result.refused}`;
      await db.user.update({ where: { id: result.userId }, data: { lastLoginAt: new Date() } });
      user.id = result.userId;
      return true;
    },
    jwt({ token, user, account }) {
      if (user && account) {
        // Only at sign-in (later calls renew the token without `user`). `user` is the object the
        // signIn callback above was given, so for OIDC its id is already the linked user's.
        token.signedInAt = Date.now();
        token.uid = user.id;
      }
      return token;
    },
    async session({ session, token }) {
      // A session with no standing user id is no session: every page and procedure asks for it.
      const uid = await standingSessionUserId(db, token.uid, token.signedInAt);
      if (session.user) {
        if (uid) session.user.id = uid;
        else delete session.user.id;
      }
      return session;
    },
  },
};
