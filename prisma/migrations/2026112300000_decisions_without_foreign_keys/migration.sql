-- Decisions refer to their org and agent by id only. Each foreign key check locked the org's and
-- the agent's row FOR KEY SHARE for every decision written; concurrent group-commit batches of one
-- org share those locks, so each batch created a MultiXact on the org row. An append-only record
-- does not need the database to keep its referents alive (the append-only trigger already refuses
-- the cascades these keys declared). The run's key stays: see schema.prisma.
ALTER TABLE "decisions" DROP CONSTRAINT "decisions_agent_id_fkey";
ALTER TABLE "decisions" DROP CONSTRAINT "decisions_org_id_fkey";
