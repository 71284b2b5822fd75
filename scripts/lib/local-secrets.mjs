import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";

/** A secret kept in the local state folder (mode 600), made on first use. */
export function loadOrCreateSecret(dir, name, bytes = 32) {
  const file = path.join(dir, name);
  if (fs.existsSync(file)) return fs.readFileSync(file, "utf8").trim();
  const secret = randomBytes(bytes).toString("base64url");
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(file, `${secret}\n`, { mode: 0o600 });
  return secret;
}
