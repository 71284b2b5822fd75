-- A run's timeline attaches each approval to the decision that asked for it (one indexed lookup
-- per page of decisions instead of a scan of the run's approvals).
CREATE INDEX "approvals_decision_id_idx" ON "approvals"("decision_id");
