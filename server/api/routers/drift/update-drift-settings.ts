import { z } from "zod";
import { db } from "../../../db";
import { idSchema } from "../../../domain/agents/agent-fields";
import { authorizeAnyAgentChange, memberContext } from "../../../domain/agents/change-context";
import { updateDriftSettings } from "../../../domain/drift/update-drift-settings";
import { orgProcedure } from "../../trpc";

// The settings themselves are validated by the domain, which names the wrong field for the form.
export const updateDriftSettingsInput = z.object({ agentId: idSchema, settings: z.unknown() });

/** Owner of the agent, admins and security staff (checked again on the agent by the domain). */
export const updateDriftSettingsProcedure = orgProcedure
  .input(updateDriftSettingsInput)
  .mutation(({ ctx, input }) => {
    authorizeAnyAgentChange(ctx.member);
    return db.$transaction((tx) => updateDriftSettings(tx, memberContext(ctx.member), input));
  });
