-- Keys that sign the runtime API's short-lived agent tokens (POST /api/token), published at
-- /.well-known/jwks.json. They live in the database so that every instance signs and verifies
-- with the same keys without shared files; the first instance that needs one generates it.
CREATE TABLE "signing_keys" (
    "kid" TEXT NOT NULL,
    "alg" TEXT NOT NULL,
    "public_jwk" JSONB NOT NULL,
    "private_jwk" JSONB NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "retired_at" TIMESTAMPTZ(3),

    CONSTRAINT "signing_keys_pkey" PRIMARY KEY ("kid")
);
