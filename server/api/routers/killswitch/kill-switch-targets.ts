import { db } from "../../../db";
import { killSwitchTargets } from "../../../domain/killswitch/kill-switch-targets";
import { orgProcedure } from "../../trpc";

/** The agents and environments a switch can stop. killswitch:use is checked inside. */
export const killSwitchTargetsProcedure = orgProcedure.query(({ ctx }) => killSwitchTargets(db, ctx.member));
