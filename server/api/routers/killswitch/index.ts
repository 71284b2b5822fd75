import { createTRPCRouter } from "../../trpc";
import { engageKillSwitchProcedure } from "./engage-kill-switch";
import { killSwitchTargetsProcedure } from "./kill-switch-targets";
import { listKillSwitchesProcedure } from "./list-kill-switches";
import { releaseKillSwitchProcedure } from "./release-kill-switch";

export const killSwitchRouter = createTRPCRouter({
  list: listKillSwitchesProcedure,
  targets: killSwitchTargetsProcedure,
  engage: engageKillSwitchProcedure,
  release: releaseKillSwitchProcedure,
});
