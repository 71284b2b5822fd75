import { createTRPCRouter } from "../../trpc";
import { addOperationProcedure } from "./add-operation";
import { createToolProcedure } from "./create-tool";
import { deleteOperationProcedure } from "./delete-operation";
import { deleteToolProcedure } from "./delete-tool";
import { importMcpProcedure } from "./import-mcp";
import { listToolsProcedure } from "./list-tools";
import { updateOperationProcedure } from "./update-operation";

export const toolsRouter = createTRPCRouter({
  list: listToolsProcedure,
  create: createToolProcedure,
  delete: deleteToolProcedure,
  addOperation: addOperationProcedure,
  updateOperation: updateOperationProcedure,
  deleteOperation: deleteOperationProcedure,
  importMcp: importMcpProcedure,
});
