-- Forced password change after an invite's temporary password.
ALTER TABLE "users" ADD COLUMN "must_change_password" BOOLEAN NOT NULL DEFAULT false;

-- Failed password sign-ins, for throttling (keyed by SHA-256 of the lower-cased e-mail).
CREATE TABLE "sign_in_attempts" (
    "id" BIGSERIAL NOT NULL,
    "email_hash" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "sign_in_attempts_pkey" PRIMARY KEY ("id")
);

CREATE INDEX "sign_in_attempts_email_hash_created_at_idx" ON "sign_in_attempts"("email_hash", "created_at");

CREATE INDEX "sign_in_attempts_created_at_idx" ON "sign_in_attempts"("created_at");
