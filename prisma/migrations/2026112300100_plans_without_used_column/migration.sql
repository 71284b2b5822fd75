-- A plan's use is what its budget charged in the run's quota windows (quota_usages, written in the
-- decision's own group commit). This copy was never written, so it could only ever read "{}".
ALTER TABLE "plans" DROP COLUMN "used";
