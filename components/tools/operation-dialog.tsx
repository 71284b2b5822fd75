"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTRPC } from "@/components/trpc";
import { Button } from "@/components/ui/button";
import { Dialog, DialogActions } from "@/components/ui/dialog";
import { Field } from "@/components/ui/field";
import { JsonSchemaEditor, parseJsonObject, toEditableJson } from "@/components/ui/json-editor";
import { RadioCards } from "@/components/ui/radio-cards";
import { ErrorNotice } from "@/components/ui/states";
import { toast } from "@/components/ui/toast";
import { errorCode, errorMessage, fieldErrors } from "@/components/ui/trpc-errors";
// Plain constants shared with the server, so the console offers exactly what it would accept.
import { loosensEffect } from "@/server/domain/tools/catalog-rules";
import { LOOSENING_REFUSED } from "@/server/domain/tools/loosening-refusals";
import { EFFECTS, EffectBadge, type Effect } from "./effect-badge";

export type OperationTarget =
  | { mode: "add"; toolId: string; toolName: string }
  | {
      mode: "edit";
      toolName: string;
      operation: { id: string; name: string; effect: Effect; description: string; inputSchema: unknown };
    };

const SCHEMA_PLACEHOLDER = `{
  "type": "object",
  "properties": { "number": { "type": "integer" } },
  "required": ["number"]
}`;

/** Add an operation to a tool, or edit one (its name is its identity and stays). */
export function OperationDialog({
  target,
  canLoosen,
  onClose,
}: {
  target: OperationTarget | null;
  /** May lower the effect class; without it, an edit offers only the same or stricter classes. */
  canLoosen: boolean;
  onClose: () => void;
}) {
  const title =
    target?.mode === "edit"
      ? `Edit ${target.toolName}:${target.operation.name}`
      : `Add an operation to ${target?.toolName ?? ""}`;
  return (
    <Dialog open={target !== null} onClose={onClose} title={title} size="lg">
      {target && <OperationBody target={target} canLoosen={canLoosen} onClose={onClose} />}
    </Dialog>
  );
}

function OperationBody({
  target,
  canLoosen,
  onClose,
}: {
  target: OperationTarget;
  canLoosen: boolean;
  onClose: () => void;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const existing = target.mode === "edit" ? target.operation : null;
  const [name, setName] = useState(existing?.name ?? "");
  const [effect, setEffect] = useState<Effect>(existing?.effect ?? "READ");
  const [description, setDescription] = useState(existing?.description ?? "");
  const [schemaText, setSchemaText] = useState(toEditableJson(existing?.inputSchema));
  const onSuccess = async () => {
    await queryClient.invalidateQueries({ queryKey: trpc.tools.pathKey() });
    await queryClient.invalidateQueries({ queryKey: trpc.grants.pathKey() });
    toast(existing ? "Operation saved." : `Operation ${target.toolName}:${name} added.`);
    onClose();
  };
  const add = useMutation(trpc.tools.addOperation.mutationOptions({ onSuccess }));
  const update = useMutation(trpc.tools.updateOperation.mutationOptions({ onSuccess }));
  const mutation = existing ? update : add;
  const errors = fieldErrors(mutation.error);
  if (errorCode(mutation.error) === "ALREADY_EXISTS" && !errors.name)
    errors.name = errorMessage(mutation.error);
  const schema = parseJsonObject(schemaText);
  const effects =
    existing && !canLoosen ? EFFECTS.filter((e) => !loosensEffect(existing.effect, e.effect)) : EFFECTS;
  const effectHint =
    effects.length < EFFECTS.length
      ? `The autonomy levels decide approvals by effect: choose the strongest one the operation can have. ${LOOSENING_REFUSED.lowerEffect}`
      : "The autonomy levels decide approvals by effect: choose the strongest one the operation can have.";

  function submit(event: React.FormEvent) {
    event.preventDefault();
    if (schema.state === "invalid") return;
    if (target.mode === "edit") {
      update.mutate({
        id: target.operation.id,
        effect,
        description: description.trim(),
        inputSchema: schema.value,
      });
    } else {
      add.mutate({
        toolId: target.toolId,
        name: name.trim(),
        effect,
        description: description.trim() || undefined,
        inputSchema: schema.value,
      });
    }
  }

  return (
    <form className="space-y-4" onSubmit={submit}>
      {mutation.isError && !Object.keys(errors).length && (
        <ErrorNotice title="Could not save the operation" message={errorMessage(mutation.error)} />
      )}
      <Field
        label="Operation name"
        hint={existing ? "The name cannot change: grants refer to it." : "e.g. pulls.merge or issues.create."}
        error={errors.name}
      >
        {(p) => (
          <input
            {...p}
            value={name}
            onChange={(e) => setName(e.target.value)}
            disabled={!!existing}
            className={`${p.className} font-mono`}
            autoFocus={!existing}
            autoComplete="off"
            spellCheck={false}
            placeholder="pulls.merge"
          />
        )}
      </Field>
      <RadioCards<Effect>
        legend="Effect"
        hint={effectHint}
        columns={2}
        value={effect}
        onChange={setEffect}
        error={errors.effect}
        options={effects.map((e) => ({
          value: e.effect,
          label: e.effect,
          labelContent: <EffectBadge effect={e.effect} />,
          description: e.description,
        }))}
      />
      <Field label="Description (optional)" error={errors.description}>
        {(p) => (
          <input
            {...p}
            value={description}
            onChange={(e) => setDescription(e.target.value)}
            placeholder="Merge a pull request"
          />
        )}
      </Field>
      <JsonSchemaEditor
        label="Input schema"
        value={schemaText}
        onChange={setSchemaText}
        placeholder={SCHEMA_PLACEHOLDER}
        rows={6}
        hint="The JSON Schema of the operation's parameters, as the tool declares it."
        error={errors.inputSchema}
      />
      <DialogActions>
        <Button variant="secondary" onClick={onClose}>
          Cancel
        </Button>
        <Button
          type="submit"
          busy={mutation.isPending}
          disabled={(!existing && !name.trim()) || schema.state === "invalid"}
        >
          {existing ? "Save operation" : "Add operation"}
        </Button>
      </DialogActions>
    </form>
  );
}
