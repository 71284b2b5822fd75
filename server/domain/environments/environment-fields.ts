import { z } from "zod";

export const environmentNameSchema = z
  .string()
  .trim()
  .regex(
    /^[a-z][a-z0-9-]{0,30}$/,
    "Use 1 to 31 lower-case letters, digits and dashes, starting with a letter (e.g. staging or eu-prod).",
  );

export const isProductionSchema = z.boolean("Say whether this is a production environment.");

/** What the audit trail records of an environment. */
export function environmentAuditSnapshot(environment: {
  id: string;
  name: string;
  isProduction: boolean;
  frozen: boolean;
}) {
  return {
    environmentId: environment.id,
    name: environment.name,
    isProduction: environment.isProduction,
    frozen: environment.frozen,
  };
}
