import { createTRPCRouter } from "../../trpc";
import { createAgentProcedure } from "./create-agent";
import { decommissionAgentProcedure } from "./decommission-agent";
import { getAgentProcedure } from "./get-agent";
import { getAgentFormOptionsProcedure } from "./get-agent-form-options";
import { listAgentsProcedure } from "./list-agents";
import { pauseAgentProcedure } from "./pause-agent";
import { resumeAgentProcedure } from "./resume-agent";
import { updateAgentProcedure } from "./update-agent";

export const agentsRouter = createTRPCRouter({
  list: listAgentsProcedure,
  get: getAgentProcedure,
  formOptions: getAgentFormOptionsProcedure,
  create: createAgentProcedure,
  update: updateAgentProcedure,
  pause: pauseAgentProcedure,
  resume: resumeAgentProcedure,
  decommission: decommissionAgentProcedure,
});
