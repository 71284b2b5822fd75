import type { DefaultSession } from "next-auth";

declare module "next-auth" {
  interface Session {
    user?: DefaultSession["user"] & { id?: string };
  }
}
declare module "next-auth/jwt" {
  interface JWT {
    uid?: string;
    /** When the session was signed in (ms since the epoch); a later password change ends it. */
    signedInAt?: number;
  }
}
