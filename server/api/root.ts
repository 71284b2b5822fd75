import { createCallerFactory, createTRPCRouter } from "./trpc";
import { meRouter } from "./routers/me";
import { grantsRouter } from "./routers/grants";
import { quotasRouter } from "./routers/quotas";
import { toolsRouter } from "./routers/tools";
import { agentsRouter } from "./routers/agents";
import { credentialsRouter } from "./routers/credentials";
import { environmentsRouter } from "./routers/environments";
import { membersRouter } from "./routers/members";
import { auditRouter } from "./routers/audit";
import { accountRouter } from "./routers/account";

// One router per area; each procedure lives in its own file under routers/<area>/.
export const appRouter = createTRPCRouter({
  me: meRouter,
  grants: grantsRouter,
  quotas: quotasRouter,
  tools: toolsRouter,
  agents: agentsRouter,
  credentials: credentialsRouter,
  environments: environmentsRouter,
  members: membersRouter,
  audit: auditRouter,
  account: accountRouter,
});

export type AppRouter = typeof appRouter;
export const createCaller = createCallerFactory(appRouter);
