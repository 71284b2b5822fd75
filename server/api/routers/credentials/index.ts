import { createTRPCRouter } from "../../trpc";
import { issueCredentialProcedure } from "./issue-credential";
import { listCredentialsProcedure } from "./list-credentials";
import { revokeCredentialProcedure } from "./revoke-credential";
import { rotateCredentialProcedure } from "./rotate-credential";

export const credentialsRouter = createTRPCRouter({
  list: listCredentialsProcedure,
  issue: issueCredentialProcedure,
  rotate: rotateCredentialProcedure,
  revoke: revokeCredentialProcedure,
});
