#!/usr/bin/env node
// Checks an export of Warden's signed checkpoints OUTSIDE Warden: no dependency but node:crypto,
// no database. Usage:
//
//   warden audit export-checkpoints --org acme --out checkpoints.json
//   node scripts/verify-checkpoint.mjs checkpoints.json [--key trusted-public-key.pem]
//
// For every checkpoint it verifies the Ed25519 signature over the exact signed statement, and
// that the statement says what the export lists (org, time, chain heads). With --key, it uses
// the public key you kept from an earlier export instead of trusting the one in the file — the
// point of a checkpoint is that someone who rewrote the database cannot re-sign history with a
// key you already hold. Exit code 0 when every checkpoint verifies, 1 otherwise.
import { createPublicKey, verify } from "node:crypto";
import { readFileSync } from "node:fs";

const args = process.argv.slice(2);
const keyFlag = args.indexOf("--key");
const trustedKeyFile = keyFlag >= 0 ? args[keyFlag + 1] : null;
const file = args.find((a, i) => !a.startsWith("--") && (keyFlag < 0 || i !== keyFlag + 1));
if (!file) {
  console.error("usage: node scripts/verify-checkpoint.mjs <checkpoints.json> [--key <public-key.pem>]");
  process.exit(2);
}

const doc = JSON.parse(readFileSync(file, "utf8"));
if (doc.format !== "warden-checkpoints/1") {
  console.error(`${file} is not a Warden checkpoint export (format ${JSON.stringify(doc.format)}).`);
  process.exit(2);
}
const trustedKey = trustedKeyFile ? createPublicKey(readFileSync(trustedKeyFile, "utf8")) : null;
const keys = new Map(doc.publicKeys.map((k) => [k.keyId, createPublicKey(k.publicKeyPem)]));

let failures = 0;
for (const checkpoint of doc.checkpoints) {
  const problems = [];
  const key = trustedKey ?? keys.get(checkpoint.keyId);
  if (!key) problems.push(`no public key ${checkpoint.keyId} in the export`);
  else if (
    !verify(null, Buffer.from(checkpoint.statement, "utf8"), key, Buffer.from(checkpoint.signature, "base64"))
  )
    problems.push("the signature does not verify");
  let statement = null;
  try {
    statement = JSON.parse(checkpoint.statement);
  } catch {
    problems.push("the signed statement is not JSON");
  }
  if (statement) {
    if (statement.type !== doc.statementType) problems.push(`unexpected statement type ${statement.type}`);
    if (statement.checkpointId !== checkpoint.id) problems.push("the statement names another checkpoint");
    if (statement.orgId !== doc.org.id) problems.push("the statement names another org");
    if (statement.createdAt !== checkpoint.createdAt)
      problems.push("the statement's time differs from the listed one");
    const flat = (heads) =>
      heads
        .map((h) => `${h.chainKey} ${h.seq} ${h.hash}`)
        .sort()
        .join("\n");
    if (!Array.isArray(statement.heads) || flat(statement.heads) !== flat(checkpoint.heads))
      problems.push("the listed chain heads differ from the signed ones");
  }
  if (problems.length > 0) {
    failures++;
    console.log(`FAIL  ${checkpoint.id}  ${checkpoint.createdAt}: ${problems.join("; ")}`);
  } else {
    const heads = statement.heads.map((h) => `${h.chainKey}#${h.seq}`).join(", ");
    console.log(`ok    ${checkpoint.id}  ${checkpoint.createdAt}  ${heads || "(no chains yet)"}`);
  }
}
console.log(
  failures === 0
    ? `All ${doc.checkpoints.length} checkpoint(s) of ${doc.org.slug} verify${trustedKey ? " with the trusted key" : ""}.`
    : `${failures} of ${doc.checkpoints.length} checkpoint(s) do not verify.`,
);
process.exit(failures === 0 ? 0 : 1);
