"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTRPC } from "@/components/trpc";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { controlClass } from "@/components/ui/field";
import { PageHeader } from "@/components/ui/page-header";
import { EmptyState, ErrorNotice, Loading } from "@/components/ui/states";
import { Toaster, toast } from "@/components/ui/toast";
import { errorMessage, errorSummary } from "@/components/ui/trpc-errors";
import { AddToolDialog } from "./add-tool-dialog";
import { canLoosenTools, canWriteTools } from "./can-write-tools";
import { EFFECTS, EffectBadge } from "./effect-badge";
import { ImportMcpDialog } from "./import-mcp-dialog";
import { OperationDialog, type OperationTarget } from "./operation-dialog";
import { ToolCard } from "./tool-card";

type Deleting =
  { kind: "tool"; id: string; name: string; count: number } | { kind: "operation"; id: string; name: string };

/** The catalog of what agents can call, with each operation's effect class. */
export function ToolCatalog() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const tools = useQuery(trpc.tools.list.queryOptions());
  const me = useQuery(trpc.me.get.queryOptions());
  const canWrite = canWriteTools(me.data?.member.roles);
  const canLoosen = canLoosenTools(me.data?.member.roles);
  const [filter, setFilter] = useState("");
  const [addingTool, setAddingTool] = useState(false);
  const [importing, setImporting] = useState(false);
  const [operation, setOperation] = useState<OperationTarget | null>(null);
  const [deleting, setDeleting] = useState<Deleting | null>(null);

  const invalidate = async () => {
    await queryClient.invalidateQueries({ queryKey: trpc.tools.pathKey() });
    await queryClient.invalidateQueries({ queryKey: trpc.grants.pathKey() });
  };
  const deleteTool = useMutation(trpc.tools.delete.mutationOptions({ onSuccess: invalidate }));
  const deleteOperation = useMutation(trpc.tools.deleteOperation.mutationOptions({ onSuccess: invalidate }));
  const deleteMutation = deleting?.kind === "tool" ? deleteTool : deleteOperation;

  const needle = filter.trim().toLowerCase();
  const visible = (tools.data ?? [])
    .map((tool) => ({
      tool,
      operations:
        needle && !tool.name.toLowerCase().includes(needle)
          ? tool.operations.filter((op) =>
              `${tool.name}:${op.name} ${op.description}`.toLowerCase().includes(needle),
            )
          : tool.operations,
    }))
    .filter(
      ({ tool, operations }) => !needle || tool.name.toLowerCase().includes(needle) || operations.length > 0,
    );

  return (
    <>
      <Toaster />
      <PageHeader
        title="Tool catalog"
        description="What agents can call: each tool's operations and their effect class. Grants refer to them as tool:operation."
        actions={
          canWrite && (
            <>
              <Button variant="secondary" onClick={() => setImporting(true)}>
                Import from MCP
              </Button>
              <Button onClick={() => setAddingTool(true)}>Add tool</Button>
            </>
          )
        }
      />
      <div className="mb-4 flex flex-wrap items-center justify-between gap-3">
        <div className="w-full max-w-sm">
          <label htmlFor="tool-filter" className="sr-only">
            Filter operations
          </label>
          <input
            id="tool-filter"
            type="search"
            value={filter}
            onChange={(e) => setFilter(e.target.value)}
            placeholder="Filter tools and operations…"
            className={controlClass}
          />
        </div>
        <ul className="flex flex-wrap items-center gap-3 text-xs text-slate-500" aria-label="Effect classes">
          <li aria-hidden>Effect classes</li>
          {EFFECTS.map((e) => (
            <li key={e.effect} className="flex items-center gap-1.5" title={e.description}>
              <EffectBadge effect={e.effect} />
            </li>
          ))}
        </ul>
      </div>

      {tools.isPending ? (
        <Loading label="Loading the catalog…" />
      ) : tools.isError ? (
        <ErrorNotice title="Could not load the tool catalog" message={errorMessage(tools.error)} />
      ) : tools.data.length === 0 ? (
        <EmptyState
          title="The catalog is empty"
          description="Add the tools your agents use — by hand, or by importing an MCP server's tools/list."
          action={
            canWrite && (
              <div className="flex gap-2">
                <Button variant="secondary" onClick={() => setImporting(true)}>
                  Import from MCP
                </Button>
                <Button onClick={() => setAddingTool(true)}>Add tool</Button>
              </div>
            )
          }
        />
      ) : visible.length === 0 ? (
        <EmptyState
          title="Nothing matches"
          description={`No tool or operation contains “${filter}”.`}
          action={
            <Button variant="secondary" onClick={() => setFilter("")}>
              Clear filter
            </Button>
          }
        />
      ) : (
        <div className="space-y-5">
          {visible.map(({ tool, operations }) => (
            <ToolCard
              key={tool.id}
              tool={tool}
              operations={operations}
              canWrite={canWrite}
              canLoosen={canLoosen}
              onAddOperation={() => setOperation({ mode: "add", toolId: tool.id, toolName: tool.name })}
              onEditOperation={(op) => setOperation({ mode: "edit", toolName: tool.name, operation: op })}
              onDeleteOperation={(op) =>
                setDeleting({ kind: "operation", id: op.id, name: `${tool.name}:${op.name}` })
              }
              onDeleteTool={() =>
                setDeleting({ kind: "tool", id: tool.id, name: tool.name, count: tool.operations.length })
              }
            />
          ))}
        </div>
      )}

      <AddToolDialog open={addingTool} onClose={() => setAddingTool(false)} />
      <ImportMcpDialog
        open={importing}
        onClose={() => setImporting(false)}
        toolNames={(tools.data ?? []).map((t) => t.name)}
      />
      <OperationDialog target={operation} canLoosen={canLoosen} onClose={() => setOperation(null)} />
      <ConfirmDialog
        open={deleting !== null}
        onClose={() => {
          setDeleting(null);
          deleteTool.reset();
          deleteOperation.reset();
        }}
        title={
          deleting?.kind === "tool" ? `Delete the tool ${deleting.name}?` : `Delete ${deleting?.name ?? ""}?`
        }
        description={
          (deleting?.kind === "tool"
            ? `Its ${deleting.count} ${deleting.count === 1 ? "operation goes" : "operations go"} with it, and so do its redaction rules. Grants that refer to it stay, but match nothing in the catalog.`
            : "Grants that refer to it stay, but no longer show it among their matches.") +
          (canLoosen
            ? ""
            : deleting?.kind === "tool"
              ? " Only admins and security can delete a tool that agents' grants use or that has redaction rules."
              : " Only admins and security can delete an operation that agents' grants use.")
        }
        confirmLabel={deleting?.kind === "tool" ? "Delete tool" : "Delete operation"}
        busy={deleteMutation.isPending}
        error={deleteMutation.isError ? errorSummary(deleteMutation.error) : null}
        onConfirm={() => {
          if (!deleting) return;
          const done = {
            onSuccess: () => {
              toast(`${deleting.name} deleted.`);
              setDeleting(null);
            },
          };
          if (deleting.kind === "tool") deleteTool.mutate({ id: deleting.id }, done);
          else deleteOperation.mutate({ id: deleting.id }, done);
        }}
      />
    </>
  );
}
