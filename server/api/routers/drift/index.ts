import { createTRPCRouter } from "../../trpc";
import { acknowledgeDriftAlertProcedure } from "./acknowledge-drift-alert";
import { getAgentDriftProcedure } from "./get-agent-drift";
import { listDriftAlertsProcedure } from "./list-drift-alerts";
import { restoreAutonomyProcedure } from "./restore-autonomy";
import { updateDriftSettingsProcedure } from "./update-drift-settings";

export const driftRouter = createTRPCRouter({
  agent: getAgentDriftProcedure,
  alerts: listDriftAlertsProcedure,
  updateSettings: updateDriftSettingsProcedure,
  acknowledge: acknowledgeDriftAlertProcedure,
  restoreAutonomy: restoreAutonomyProcedure,
});
