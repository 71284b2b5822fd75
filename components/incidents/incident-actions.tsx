"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTRPC } from "@/components/trpc";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Field } from "@/components/ui/field";
import { ErrorNotice } from "@/components/ui/states";
import { toast } from "@/components/ui/toast";
import { errorMessage, fieldErrors } from "@/components/ui/trpc-errors";

type Status = "OPEN" | "MITIGATED" | "RESOLVED";

const NEXT: Record<Status, { status: Status; label: string }[]> = {
  OPEN: [
    { status: "MITIGATED", label: "Mark mitigated" },
    { status: "RESOLVED", label: "Mark resolved" },
  ],
  MITIGATED: [
    { status: "RESOLVED", label: "Mark resolved" },
    { status: "OPEN", label: "Reopen" },
  ],
  RESOLVED: [{ status: "OPEN", label: "Reopen" }],
};

const KINDS = [
  { value: "RUN", label: "Run" },
  { value: "DECISION", label: "Decision" },
  { value: "APPROVAL", label: "Approval" },
  { value: "AGENT", label: "Agent" },
  { value: "KILL_SWITCH", label: "Kill switch" },
] as const;

/** What responders do on an incident: notes, status, more links. Shown only to those who may. */
export function IncidentActions({ incidentId, status }: { incidentId: string; status: Status }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.incidents.pathKey() });
  const [note, setNote] = useState("");
  const [noteError, setNoteError] = useState<string | null>(null);
  const [kind, setKind] = useState<(typeof KINDS)[number]["value"]>("RUN");
  const [refId, setRefId] = useState("");
  const [linkError, setLinkError] = useState<string | null>(null);

  const addNote = useMutation(
    trpc.incidents.addNote.mutationOptions({
      onSuccess: async () => {
        setNote("");
        await refresh();
        toast("Note added.");
      },
    }),
  );
  const setStatus = useMutation(
    trpc.incidents.setStatus.mutationOptions({
      onSuccess: async (result) => {
        await refresh();
        toast(`Incident ${result.status.toLowerCase()}.`);
      },
    }),
  );
  const link = useMutation(
    trpc.incidents.link.mutationOptions({
      onSuccess: async (result) => {
        setRefId("");
        await refresh();
        toast(`Linked ${result.linked.length} item(s).`);
      },
    }),
  );
  const linkFieldError = link.isError ? (fieldErrors(link.error).refId ?? errorMessage(link.error)) : null;

  return (
    <div className="space-y-4">
      <Card title="Add a note" description="What you saw, did or decided. Notes are part of the record.">
        <form
          className="space-y-3"
          aria-label="Add a note"
          onSubmit={(e) => {
            e.preventDefault();
            if (!note.trim()) return setNoteError("Write the note before adding it.");
            setNoteError(null);
            addNote.mutate({ incidentId, body: note.trim() });
          }}
        >
          <Field label="Note" error={noteError ?? (addNote.isError ? errorMessage(addNote.error) : null)}>
            {(p) => (
              <textarea
                {...p}
                rows={3}
                maxLength={5000}
                value={note}
                onChange={(e) => setNote(e.target.value)}
                placeholder="e.g. Rotated the GitHub token; reviewing the three merged PRs."
              />
            )}
          </Field>
          <div className="flex justify-end">
            <Button type="submit" busy={addNote.isPending}>
              Add note
            </Button>
          </div>
        </form>
      </Card>
      <Card title="Status">
        {setStatus.isError && <ErrorNotice message={errorMessage(setStatus.error)} />}
        <div className="flex flex-wrap gap-2">
          {NEXT[status].map((next) => (
            <Button
              key={next.status}
              variant={next.status === "OPEN" ? "secondary" : "primary"}
              busy={setStatus.isPending && setStatus.variables?.status === next.status}
              onClick={() => setStatus.mutate({ incidentId, status: next.status })}
            >
              {next.label}
            </Button>
          ))}
        </div>
      </Card>
      <Card
        title="Link another item"
        description="Paste the id of a run, decision, approval, agent or switch."
      >
        <form
          className="space-y-3"
          aria-label="Link an item"
          onSubmit={(e) => {
            e.preventDefault();
            if (!refId.trim()) return setLinkError("Paste the id of the item to link.");
            setLinkError(null);
            link.mutate({ incidentId, kind, refId: refId.trim() });
          }}
        >
          <Field label="Kind">
            {(p) => (
              <select {...p} value={kind} onChange={(e) => setKind(e.target.value as typeof kind)}>
                {KINDS.map((k) => (
                  <option key={k.value} value={k.value}>
                    {k.label}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field label="Id" error={linkError ?? linkFieldError}>
            {(p) => (
              <input
                {...p}
                value={refId}
                maxLength={100}
                onChange={(e) => setRefId(e.target.value)}
                placeholder="e.g. run_3f2a…"
                className={`${p.className} font-mono`}
                spellCheck={false}
              />
            )}
          </Field>
          <div className="flex justify-end">
            <Button type="submit" variant="secondary" busy={link.isPending}>
              Link
            </Button>
          </div>
        </form>
      </Card>
    </div>
  );
}
