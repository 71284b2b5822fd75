import { getServerSession } from "next-auth";
import { authOptions } from "../auth/options";

export type SessionUser = { id: string; email: string; name: string };

export type Context = {
  /** The signed-in human, or null. Set only from a verified next-auth session. */
  user: SessionUser | null;
  /** The org the console has selected (cookie `warden_org`); membership is checked per procedure. */
  requestedOrgId: string | null;
};

export const ORG_COOKIE = "warden_org";

function cookieValue(cookieHeader: string | null, name: string): string | null {
  for (const part of (cookieHeader ?? "").split(";")) {
    const [key, ...rest] = part.trim().split("=");
    if (key === name) return decodeURIComponent(rest.join("="));
  }
  return null;
}

export async function createContext({ headers }: { headers: Headers }): Promise<Context> {
  const session = await getServerSession(authOptions);
  const id = session?.user?.id;
  return {
    user: id ? { id, email: session.user?.email ?? "", name: session.user?.name ?? "" } : null,
    requestedOrgId: cookieValue(headers.get("cookie"), ORG_COOKIE),
  };
}
