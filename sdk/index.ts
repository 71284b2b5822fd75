export { WardenClient, type WardenClientOptions } from "./client";
export { WardenApiError, WardenApprovalTimeoutError, WardenDeniedError } from "./errors";
export { resultDigest, sha256Hex, stableJson } from "./digest";
export type { GuardOptions, GuardedAction } from "./guard";
export * from "./types";
