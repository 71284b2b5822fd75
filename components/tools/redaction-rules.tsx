"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTRPC } from "@/components/trpc";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { toast } from "@/components/ui/toast";
import { errorMessage } from "@/components/ui/trpc-errors";
import { RedactionRuleDialog, type RedactionRuleTarget } from "./redaction-rule-dialog";

const PART_LABEL = { PARAMS: "Parameters", RESULT: "Results" } as const;
const MODE_LABEL = { REDACT: "redacted", FINGERPRINT: "fingerprinted" } as const;

/** A tool's redaction rules: which parts of its stored payloads never reach the database in clear. */
export function RedactionRules({
  tool,
  canWrite,
  canLoosen,
}: {
  tool: { id: string; name: string };
  canWrite: boolean;
  /** May remove or weaken a rule (ADMIN, SECURITY); other writers may add rules and tighten them. */
  canLoosen: boolean;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  // One query for the whole catalog; each card takes its own rules from it.
  const rules = useQuery(trpc.redaction.list.queryOptions());
  const [editing, setEditing] = useState<RedactionRuleTarget | null>(null);
  const [deleting, setDeleting] = useState<string | null>(null);
  const remove = useMutation(
    trpc.redaction.delete.mutationOptions({
      onSuccess: async () => {
        await queryClient.invalidateQueries({ queryKey: trpc.redaction.list.queryKey() });
        toast("Redaction rule removed.");
        setDeleting(null);
      },
    }),
  );
  const mine = (rules.data ?? []).filter((r) => r.toolId === tool.id);

  return (
    <div
      className="border-t border-slate-100 bg-slate-50/60 px-5 py-3"
      aria-label={`Redaction rules of ${tool.name}`}
    >
      <div className="flex flex-wrap items-center justify-between gap-2">
        <p className="text-xs font-medium uppercase tracking-wide text-slate-500">Stored payloads</p>
        {canWrite && (
          <Button
            size="sm"
            variant="ghost"
            onClick={() => setEditing({ toolId: tool.id, toolName: tool.name })}
          >
            Add redaction rule
          </Button>
        )}
      </div>
      {rules.isError ? (
        <p className="mt-1 text-sm text-red-600">
          Could not load the redaction rules: {errorMessage(rules.error)}
        </p>
      ) : mine.length === 0 ? (
        <p className="mt-1 text-sm text-slate-500">
          {rules.isPending ? "Loading…" : "Stored as sent: no redaction rules."}
        </p>
      ) : (
        <ul className="mt-1.5 space-y-1.5">
          {mine.map((rule) => (
            <li key={rule.id} className="flex flex-wrap items-center gap-x-2 gap-y-1 text-sm">
              <Badge tone="blue">{PART_LABEL[rule.part]}</Badge>
              <Badge tone={rule.mode === "REDACT" ? "red" : "violet"}>{MODE_LABEL[rule.mode]}</Badge>
              <span className="flex min-w-0 flex-wrap gap-1">
                {rule.paths.map((path) => (
                  <code
                    key={path}
                    className="break-all rounded bg-white px-1.5 py-0.5 font-mono text-xs ring-1 ring-slate-200"
                  >
                    {path}
                  </code>
                ))}
              </span>
              {canWrite && (
                <span className="ml-auto flex gap-1">
                  <Button
                    size="sm"
                    variant="ghost"
                    onClick={() => setEditing({ toolId: tool.id, toolName: tool.name, rule })}
                  >
                    Edit
                  </Button>
                  {canLoosen && (
                    <Button size="sm" variant="danger-ghost" onClick={() => setDeleting(rule.id)}>
                      Remove
                    </Button>
                  )}
                </span>
              )}
            </li>
          ))}
        </ul>
      )}
      {canWrite && !canLoosen && mine.length > 0 && (
        <p className="mt-1.5 text-xs text-slate-500">
          You can add rules and make them stricter. Only admins and security can remove a rule or weaken it.
        </p>
      )}
      <RedactionRuleDialog target={editing} canLoosen={canLoosen} onClose={() => setEditing(null)} />
      <ConfirmDialog
        open={deleting !== null}
        onClose={() => setDeleting(null)}
        title="Remove this redaction rule?"
        description="Payloads stored from now on keep these paths in clear. What is already stored stays redacted."
        confirmLabel="Remove rule"
        busy={remove.isPending}
        error={remove.isError ? errorMessage(remove.error) : null}
        onConfirm={() => deleting && remove.mutate({ id: deleting })}
      />
    </div>
  );
}
