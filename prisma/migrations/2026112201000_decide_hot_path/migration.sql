-- The decision API's hot path (issue 3).

-- A group-commit batch is written on the state its settlement assumed (usage counters, chain
-- heads, open approvals, unused idempotency keys) and checks that state in the same statement:
-- when any of it has changed meanwhile, this aborts the whole transaction, so that nothing of the
-- batch is written and the committer settles it again on state read under locks.
CREATE OR REPLACE FUNCTION warden_assert_batch_state(ok boolean) RETURNS boolean
LANGUAGE plpgsql AS $$
BEGIN
  IF ok IS NOT TRUE THEN
    RAISE EXCEPTION 'warden: the decision batch was settled on out-of-date state'
      USING ERRCODE = 'WB001';
  END IF;
  RETURN true;
END;
$$;
