import bcrypt from "bcryptjs";

// bcrypt (cost 12 in production). Tests may lower the cost through WARDEN_BCRYPT_COST.
const COST = Number(process.env.WARDEN_BCRYPT_COST ?? 12);
const MIN_LENGTH = 10;

export function passwordProblem(password: string): string | null {
  if (password.length < MIN_LENGTH) return `Use at least ${MIN_LENGTH} characters.`;
  if (password.length > 200) return "Use at most 200 characters.";
  return null;
}

export function hashPassword(password: string): Promise<string> {
  return bcrypt.hash(password, COST);
}

// A hash of a random password, compared against when the user does not exist, so that a wrong
// e-mail and a wrong password take the same time.
const DUMMY_HASH = bcrypt.hashSync("not-a-real-password-at-all", 4);

export async function verifyPassword(password: string, hash: string | null | undefined): Promise<boolean> {
  const ok = await bcrypt.compare(password, hash ?? DUMMY_HASH);
  return ok && Boolean(hash);
}
