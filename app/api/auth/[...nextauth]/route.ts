import NextAuth from "next-auth";
import { authOptions } from "@/server/auth/options";

// next-auth 4 types its App Router handler as `any`; this is its real shape.
type RouteHandler = (req: Request, context: { params: Promise<{ nextauth: string[] }> }) => Promise<Response>;

const handler = NextAuth(authOptions) as RouteHandler;
export { handler as GET, handler as POST };
