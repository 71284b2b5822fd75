-- When the user last changed their password: console sessions signed in before it no longer count,
-- so whoever knew the old password (an admin who set a temporary one, someone who guessed it) is
-- signed out everywhere by the change.
ALTER TABLE "users" ADD COLUMN "password_changed_at" TIMESTAMPTZ(3);
