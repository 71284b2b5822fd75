import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { appRouter } from "@/server/api/root";
import { createContext } from "@/server/api/context";
import { AppError } from "@/server/domain/errors";
import { isSameOrigin } from "@/server/http/same-origin";
import { MAX_BATCH_SIZE, MAX_BODY_BYTES, readLimitedBody } from "./request-limits";

export const dynamic = "force-dynamic";

function refuse(error: AppError): Response {
  return Response.json(error.toBody(), { status: error.status });
}

async function handler(req: Request): Promise<Response> {
  // CSRF: a mutation must come from our own pages. Browsers always send Origin on POST.
  if (req.method !== "GET" && !isSameOrigin(req.headers)) {
    return refuse(new AppError("FORBIDDEN", "This request did not come from Warden's own pages."));
  }
  let request = req;
  if (req.method !== "GET" && req.method !== "HEAD") {
    // tRPC reads the whole body into memory: bound it before it does.
    const body = await readLimitedBody(req, MAX_BODY_BYTES);
    if (!body) {
      return refuse(
        new AppError(
          "PAYLOAD_TOO_LARGE",
          `This request is larger than ${MAX_BODY_BYTES / (1024 * 1024)} MB; nothing was changed.`,
        ),
      );
    }
    request = new Request(req.url, { method: req.method, headers: req.headers, body, signal: req.signal });
  }
  return fetchRequestHandler({
    endpoint: "/api/trpc",
    req: request,
    router: appRouter,
    // A larger batch is refused whole with 400 BAD_REQUEST (the console never sends one).
    maxBatchSize: MAX_BATCH_SIZE,
    createContext: () => createContext({ headers: request.headers }),
    onError({ error, path }) {
      if (error.code === "INTERNAL_SERVER_ERROR")
        console.error(`tRPC ${path ?? "?"} failed:`, error.cause ?? error);
    },
  });
}

export { handler as GET, handler as POST };
