import { Prisma } from "../../generated/prisma/client";

/** A unique constraint refused the write (e.g. two people adding the same name at once). */
export function isUniqueViolation(error: unknown): boolean {
  return error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002";
}
