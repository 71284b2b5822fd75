"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTRPC } from "@/components/trpc";
import { Button } from "@/components/ui/button";
import { Dialog, DialogActions } from "@/components/ui/dialog";
import { Field } from "@/components/ui/field";
import { RadioCards } from "@/components/ui/radio-cards";
import { ErrorNotice } from "@/components/ui/states";
import { toast } from "@/components/ui/toast";
import { errorMessage, fieldErrors } from "@/components/ui/trpc-errors";
// Plain functions and sentences shared with the server, so the console refuses what it would.
import { weakensRedactionRule } from "@/server/domain/redaction/redaction-rule-strictness";
import { LOOSENING_REFUSED } from "@/server/domain/tools/loosening-refusals";

type Part = "PARAMS" | "RESULT";
type Mode = "REDACT" | "FINGERPRINT";

export type RedactionRuleTarget = {
  toolId: string;
  toolName: string;
  rule?: { id: string; part: Part; mode: Mode; paths: string[] };
};

const PART_OPTIONS = [
  { value: "PARAMS" as const, label: "Parameters", description: "What the agent asks to send to the tool." },
  {
    value: "RESULT" as const,
    label: "Results",
    description: "What the tool answered, when the agent reports it.",
  },
];

const MODE_OPTIONS = [
  {
    value: "REDACT" as const,
    label: "Redact",
    description: "Store [redacted] instead of the value. Nothing of it is kept.",
  },
  {
    value: "FINGERPRINT" as const,
    label: "Fingerprint",
    description:
      "Store a keyed fingerprint (hmac-sha256:…) instead: the same value always gives the same fingerprint, so records can be matched without keeping the secret.",
  },
];

/** Add or change a rule that keeps secrets out of a tool's stored payloads. */
export function RedactionRuleDialog({
  target,
  canLoosen,
  onClose,
}: {
  target: RedactionRuleTarget | null;
  /** May weaken the rule; without it, an edit may only add paths or switch to redact. */
  canLoosen: boolean;
  onClose: () => void;
}) {
  return (
    <Dialog
      open={target !== null}
      onClose={onClose}
      title={
        target?.rule
          ? `Edit a redaction rule of ${target.toolName}`
          : `Add a redaction rule to ${target?.toolName ?? ""}`
      }
      description="Warden stores what agents send to this tool and what it answers. These paths are replaced before anything is written — in decisions, approvals, run timelines and exports."
      size="lg"
    >
      {target && <RuleForm target={target} canLoosen={canLoosen} onClose={onClose} />}
    </Dialog>
  );
}

function RuleForm({
  target,
  canLoosen,
  onClose,
}: {
  target: RedactionRuleTarget;
  canLoosen: boolean;
  onClose: () => void;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [part, setPart] = useState<Part>(target.rule?.part ?? "PARAMS");
  const [mode, setMode] = useState<Mode>(target.rule?.mode ?? "REDACT");
  const [pathsText, setPathsText] = useState((target.rule?.paths ?? []).join("\n"));
  const save = useMutation(
    trpc.redaction.save.mutationOptions({
      onSuccess: async () => {
        await queryClient.invalidateQueries({ queryKey: trpc.redaction.list.queryKey() });
        toast(target.rule ? "Redaction rule saved." : `Redaction rule added to ${target.toolName}.`);
        onClose();
      },
    }),
  );
  const errors = fieldErrors(save.error);
  const paths = pathsText
    .split("\n")
    .map((p) => p.trim())
    .filter(Boolean);
  const [localError, setLocalError] = useState<string | null>(null);
  // Editing without tools:loosen: the part stays, redact stays redact, and no path may go.
  const tightenOnly = !canLoosen && target.rule !== undefined;

  function submit(event: React.FormEvent) {
    event.preventDefault();
    if (paths.length === 0) {
      setLocalError("Add at least one JSON path, e.g. $.card.number");
      return;
    }
    if (tightenOnly && target.rule && weakensRedactionRule(target.rule, { part, mode, paths })) {
      setLocalError(LOOSENING_REFUSED.weakenRedactionRule);
      return;
    }
    setLocalError(null);
    save.mutate({ toolId: target.toolId, id: target.rule?.id, part, mode, paths });
  }

  return (
    <form className="space-y-4" onSubmit={submit}>
      {save.isError && !Object.keys(errors).length && (
        <ErrorNotice title="Could not save the rule" message={errorMessage(save.error)} />
      )}
      <RadioCards<Part>
        legend="Applies to"
        columns={2}
        value={part}
        onChange={setPart}
        options={PART_OPTIONS}
        error={errors.part}
        disabled={tightenOnly}
      />
      <RadioCards<Mode>
        legend="Replace each value with"
        columns={2}
        value={mode}
        onChange={setMode}
        options={MODE_OPTIONS}
        error={errors.mode}
        disabled={tightenOnly && target.rule?.mode === "REDACT"}
      />
      <Field
        label="JSON paths, one per line"
        hint={
          <>
            <code>$.card.number</code> one field · <code>$.headers.*</code> every field of an object ·{" "}
            <code>$.items[*].token</code> in every element · <code>$..password</code> that key at any depth
          </>
        }
        error={localError ?? errors.paths}
      >
        {(p) => (
          <textarea
            {...p}
            rows={5}
            value={pathsText}
            onChange={(e) => setPathsText(e.target.value)}
            className={`${p.className} font-mono`}
            placeholder={"$.card.number\n$.headers.*"}
            spellCheck={false}
            autoFocus
          />
        )}
      </Field>
      {tightenOnly && (
        <p className="text-xs text-slate-500">
          You can add paths{target.rule?.mode === "FINGERPRINT" ? " and switch to redact" : ""}. Only admins
          and security can remove a path, change what the rule applies to, or switch it to fingerprint.
        </p>
      )}
      <DialogActions>
        <Button variant="secondary" onClick={onClose}>
          Cancel
        </Button>
        <Button type="submit" busy={save.isPending}>
          {target.rule ? "Save rule" : "Add rule"}
        </Button>
      </DialogActions>
    </form>
  );
}
