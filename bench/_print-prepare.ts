import { PREPARE_BATCH_STATEMENTS } from "../server/runtime/decide/batch-sql.ts";
console.log(PREPARE_BATCH_STATEMENTS + ";");
