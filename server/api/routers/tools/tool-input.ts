import { z } from "zod";
import {
  EFFECT_CLASSES,
  MAX_OPERATION_DESCRIPTION_LENGTH,
  MAX_OPERATION_NAME_LENGTH,
  MAX_TOOL_DESCRIPTION_LENGTH,
  MAX_TOOL_NAME_LENGTH,
  OPERATION_NAME_PATTERN,
  OPERATION_NAME_RULE,
  TOOL_NAME_PATTERN,
  TOOL_NAME_RULE,
} from "../../../domain/tools/catalog-rules";

export const toolNameInput = z
  .string()
  .trim()
  .min(1)
  .max(MAX_TOOL_NAME_LENGTH)
  .regex(TOOL_NAME_PATTERN, TOOL_NAME_RULE);
export const operationNameInput = z
  .string()
  .trim()
  .min(1)
  .max(MAX_OPERATION_NAME_LENGTH)
  .regex(OPERATION_NAME_PATTERN, OPERATION_NAME_RULE);
export const toolDescriptionInput = z.string().max(MAX_TOOL_DESCRIPTION_LENGTH);
export const operationDescriptionInput = z.string().max(MAX_OPERATION_DESCRIPTION_LENGTH);
export const effectInput = z.enum(EFFECT_CLASSES);
/** A JSON Schema as an object of JSON values (the domain checks that it compiles). */
export const inputSchemaInput = z.record(z.string(), z.json()).nullable();
