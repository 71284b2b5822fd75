"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useTRPC } from "@/components/trpc";
import { Button } from "@/components/ui/button";
import { Dialog, DialogActions } from "@/components/ui/dialog";
import { Field } from "@/components/ui/field";
import { ErrorNotice } from "@/components/ui/states";
import { toast } from "@/components/ui/toast";
import { errorMessage, fieldErrors } from "@/components/ui/trpc-errors";

export type IncidentSource = { kind: "KILL_SWITCH" | "AGENT" | "RUN" | "DECISION" | "APPROVAL"; id: string };

const SEVERITIES = [
  { value: "low", label: "Low — no customer or data impact" },
  { value: "medium", label: "Medium — limited impact, contained" },
  { value: "high", label: "High — real impact or risk of it" },
  { value: "critical", label: "Critical — data, money or production at risk now" },
] as const;

const SOURCE_WORDS: Record<IncidentSource["kind"], string> = {
  KILL_SWITCH: "this kill switch, its agent and the agent's recent runs",
  AGENT: "this agent",
  RUN: "this run and its agent",
  DECISION: "this decision, its run and its agent",
  APPROVAL: "this approval, its run and its agent",
};

/** Open an incident, linked to what it starts from; goes to the incident's page when done. */
export function OpenIncidentDialog({
  open,
  onClose,
  from,
  defaultTitle = "",
  defaultSeverity = "high",
}: {
  open: boolean;
  onClose: () => void;
  from?: IncidentSource | null;
  defaultTitle?: string;
  defaultSeverity?: (typeof SEVERITIES)[number]["value"];
}) {
  return (
    <Dialog
      open={open}
      onClose={onClose}
      title="Open an incident"
      description={
        from
          ? `The incident's timeline will include ${SOURCE_WORDS[from.kind]}. You can add notes and link more later.`
          : "Responders add notes and link agents, runs and decisions on its page."
      }
    >
      {open && (
        <OpenIncidentForm
          onClose={onClose}
          from={from ?? null}
          defaultTitle={defaultTitle}
          defaultSeverity={defaultSeverity}
        />
      )}
    </Dialog>
  );
}

function OpenIncidentForm({
  onClose,
  from,
  defaultTitle,
  defaultSeverity,
}: {
  onClose: () => void;
  from: IncidentSource | null;
  defaultTitle: string;
  defaultSeverity: string;
}) {
  const trpc = useTRPC();
  const router = useRouter();
  const queryClient = useQueryClient();
  const [title, setTitle] = useState(defaultTitle);
  const [severity, setSeverity] = useState(defaultSeverity);
  const [localError, setLocalError] = useState<string | null>(null);
  const mutation = useMutation(
    trpc.incidents.open.mutationOptions({
      onSuccess: async ({ id }) => {
        await queryClient.invalidateQueries({ queryKey: trpc.incidents.pathKey() });
        toast("Incident opened.");
        router.push(`/incidents/${id}`);
      },
    }),
  );
  const errors = mutation.isError ? fieldErrors(mutation.error) : {};
  return (
    <form
      className="space-y-4"
      onSubmit={(e) => {
        e.preventDefault();
        if (title.trim().length < 3) {
          setLocalError("Give the incident a short title (at least 3 characters).");
          return;
        }
        setLocalError(null);
        mutation.mutate({ title: title.trim(), severity: severity as "high", from });
      }}
    >
      {mutation.isError && !errors.title && !errors.severity && (
        <ErrorNotice title="The incident was not opened" message={errorMessage(mutation.error)} />
      )}
      <Field label="Title" error={localError ?? errors.title} hint="What happened, in a few words.">
        {(p) => (
          <input
            {...p}
            value={title}
            maxLength={200}
            onChange={(e) => setTitle(e.target.value)}
            placeholder="e.g. release-bot merged unreviewed pull requests"
            autoFocus
          />
        )}
      </Field>
      <Field label="Severity" error={errors.severity}>
        {(p) => (
          <select {...p} value={severity} onChange={(e) => setSeverity(e.target.value)}>
            {SEVERITIES.map((s) => (
              <option key={s.value} value={s.value}>
                {s.label}
              </option>
            ))}
          </select>
        )}
      </Field>
      <DialogActions>
        <Button variant="secondary" onClick={onClose} disabled={mutation.isPending}>
          Not now
        </Button>
        <Button type="submit" busy={mutation.isPending}>
          Open incident
        </Button>
      </DialogActions>
    </form>
  );
}
