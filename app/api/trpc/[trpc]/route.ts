import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { appRouter } from "@/server/api/root";
import { createContext } from "@/server/api/context";
import { isSameOrigin } from "@/server/http/same-origin";

export const dynamic = "force-dynamic";

async function handler(req: Request): Promise<Response> {
  // CSRF: a mutation must come from our own pages. Browsers always send Origin on POST.
  if (req.method !== "GET" && !isSameOrigin(req.headers)) {
    return Response.json(
      { error: { code: "FORBIDDEN", message: "This request did not come from Warden's own pages." } },
      { status: 403 },
    );
  }
  return fetchRequestHandler({
    endpoint: "/api/trpc",
    req,
    router: appRouter,
    createContext: () => createContext({ headers: req.headers }),
    onError({ error, path }) {
      if (error.code === "INTERNAL_SERVER_ERROR")
        console.error(`tRPC ${path ?? "?"} failed:`, error.cause ?? error);
    },
  });
}

export { handler as GET, handler as POST };
