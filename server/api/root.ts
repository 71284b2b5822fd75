import { createCallerFactory, createTRPCRouter } from "./trpc";
import { meRouter } from "./routers/me";

// One router per area; each procedure lives in its own file under routers/<area>/.
export const appRouter = createTRPCRouter({
  me: meRouter,
});

export type AppRouter = typeof appRouter;
export const createCaller = createCallerFactory(appRouter);
