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
import { redactionRouter } from "./routers/redaction";
import { accountRouter } from "./routers/account";
import { killSwitchRouter } from "./routers/killswitch";
import { incidentsRouter } from "./routers/incidents";
import { changeRequestsRouter } from "./routers/change-requests";
import { notificationsRouter } from "./routers/notifications";
import { approvalsRouter } from "./routers/approvals";
import { runsRouter } from "./routers/runs";
import { replayRouter } from "./routers/replay";
import { overviewRouter } from "./routers/overview";
import { driftRouter } from "./routers/drift";

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
  killSwitch: killSwitchRouter,
  incidents: incidentsRouter,
  redaction: redactionRouter,
  account: accountRouter,
  changeRequests: changeRequestsRouter,
  notifications: notificationsRouter,
  approvals: approvalsRouter,
  runs: runsRouter,
  replay: replayRouter,
  overview: overviewRouter,
  drift: driftRouter,
});

export type AppRouter = typeof appRouter;
export const createCaller = createCallerFactory(appRouter);
