// Field shapes shared by the runtime API's bodies. Labels and ids end up in logs, headers and the
// console, so they are printable and bounded; links are http(s) only, because the console renders
// them as clickable links (a `javascript:` URL there would run in a reviewer's browser).
import { z } from "zod";

/** Printable ASCII without spaces: ids, keys, labels. */
export const PRINTABLE = /^[\x21-\x7e]+$/;

export const label = (max: number) =>
  z.string().min(1).max(max).regex(PRINTABLE, { error: "must be printable characters without spaces" });

/** Free text a person wrote or will read (a summary, an error message). */
export const text = (max: number) => z.string().min(1).max(max);

export const httpUrl = z
  .url({ protocol: /^https?$/, error: "must be an http or https URL" })
  .regex(/^https?:\/\//i, { error: "must be an http or https URL" })
  .max(2048);

/** A SHA-256 digest in hex (64 characters). */
export const sha256Hex = z
  .string()
  .regex(/^[0-9a-fA-F]{64}$/, { error: "must be a SHA-256 digest in hex (64 characters)" });

/** Who the agent acts for, as in a decide request (`user:alice@acme.com`). */
export const onBehalfOf = label(256);
