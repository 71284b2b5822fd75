import { createTRPCRouter } from "../../trpc";
import { addIncidentNoteProcedure } from "./add-incident-note";
import { changeIncidentStatusProcedure } from "./change-incident-status";
import { getIncidentProcedure } from "./get-incident";
import { linkIncidentItemProcedure } from "./link-incident-item";
import { listIncidentsProcedure } from "./list-incidents";
import { openIncidentProcedure } from "./open-incident";

export const incidentsRouter = createTRPCRouter({
  list: listIncidentsProcedure,
  get: getIncidentProcedure,
  open: openIncidentProcedure,
  addNote: addIncidentNoteProcedure,
  link: linkIncidentItemProcedure,
  setStatus: changeIncidentStatusProcedure,
});
