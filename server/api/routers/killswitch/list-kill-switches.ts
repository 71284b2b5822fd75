import { db } from "../../../db";
import { listKillSwitchesFor } from "../../../domain/killswitch/list-kill-switches";
import { orgProcedure } from "../../trpc";

/** Engaged switches and recent history. Permission (org:read) is checked inside listKillSwitchesFor. */
export const listKillSwitchesProcedure = orgProcedure.query(({ ctx }) => listKillSwitchesFor(db, ctx.member));
