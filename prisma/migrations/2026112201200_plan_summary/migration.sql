-- The agent's own description of a submitted plan (issue 4, plan envelopes).
ALTER TABLE "plans" ADD COLUMN "summary" TEXT;
