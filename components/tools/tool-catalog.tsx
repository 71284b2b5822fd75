"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import type { RouterOutputs } from "@/components/trpc";
import { useTRPC } from "@/components/trpc";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { controlClass } from "@/components/ui/field";
import { PageHeader } from "@/components/ui/page-header";
import { EmptyState, ErrorNotice, Loading } from "@/components/ui/states";
import { Toaster, toast } from "@/components/ui/toast";
import { errorMessage, errorSummary } from "@/components/ui/trpc-errors";
import { AddToolDialog } from "./add-tool-dialog";
import { canWriteTools } from "./can-write-tools";
import { EFFECTS, EffectBadge } from "./effect-badge";
import { ImportMcpDialog } from "./import-mcp-dialog";
import { OperationDialog, type OperationTarget } from "./operation-dialog";

type Tool = RouterOutputs["tools"]["list"][number];
type Deleting =
  { kind: "tool"; id: string; name: string; count: number } | { kind: "operation"; id: string; name: string };

const SOURCE_LABEL: Record<string, string> = {
  MANUAL: "Added by hand",
  MCP: "Imported from MCP",
  FLEET: "From the fleet file",
};

/** The catalog of what agents can call, with each operation's effect class. */
export function ToolCatalog() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const tools = useQuery(trpc.tools.list.queryOptions());
  const me = useQuery(trpc.me.get.queryOptions());
  const canWrite = canWriteTools(me.data?.member.roles);
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
          {EFFECTS.map((e) => (
            <li key={e.effect} className="flex items-center gap-1.5" title={e.description}>
              <EffectBadge effect={e.effect} />
              <span className="hidden xl:inline">{e.description}</span>
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
      <OperationDialog target={operation} onClose={() => setOperation(null)} />
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
          deleting?.kind === "tool"
            ? `Its ${deleting.count} ${deleting.count === 1 ? "operation goes" : "operations go"} with it. Grants that refer to it stay, but match nothing in the catalog.`
            : "Grants that refer to it stay, but no longer show it among their matches."
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

type Op = Tool["operations"][number];

function ToolCard({
  tool,
  operations,
  canWrite,
  onAddOperation,
  onEditOperation,
  onDeleteOperation,
  onDeleteTool,
}: {
  tool: Tool;
  operations: Op[];
  canWrite: boolean;
  onAddOperation: () => void;
  onEditOperation: (op: Op) => void;
  onDeleteOperation: (op: Op) => void;
  onDeleteTool: () => void;
}) {
  const [openSchema, setOpenSchema] = useState<string | null>(null);
  return (
    <section
      aria-label={`Tool ${tool.name}`}
      className="overflow-hidden rounded-lg bg-white shadow-sm ring-1 ring-slate-200"
    >
      <header className="flex flex-wrap items-start justify-between gap-3 border-b border-slate-100 px-5 py-3.5">
        <div className="min-w-0">
          <div className="flex items-center gap-2">
            <h2 className="truncate font-mono text-base font-semibold text-slate-900" title={tool.name}>
              {tool.name}
            </h2>
            <Badge tone={tool.source === "MCP" ? "violet" : "gray"}>
              {SOURCE_LABEL[tool.source] ?? tool.source}
            </Badge>
            <span className="text-xs text-slate-500">
              {tool.operations.length} {tool.operations.length === 1 ? "operation" : "operations"}
            </span>
          </div>
          {tool.description && (
            <p className="mt-0.5 line-clamp-2 text-sm text-slate-500" title={tool.description}>
              {tool.description}
            </p>
          )}
        </div>
        {canWrite && (
          <div className="flex shrink-0 gap-1.5">
            <Button
              size="sm"
              variant="secondary"
              onClick={onAddOperation}
              aria-label={`Add operation to ${tool.name}`}
            >
              Add operation
            </Button>
            <Button
              size="sm"
              variant="danger-ghost"
              onClick={onDeleteTool}
              aria-label={`Delete tool ${tool.name}`}
            >
              Delete tool
            </Button>
          </div>
        )}
      </header>
      {operations.length === 0 ? (
        <p className="px-5 py-4 text-sm text-slate-500">
          No operations yet{canWrite ? " — add one, or import them from MCP." : "."}
        </p>
      ) : (
        <table className="min-w-full text-sm">
          <thead className="sr-only">
            <tr>
              <th>Operation</th>
              <th>Effect</th>
              <th>Description</th>
              <th>Actions</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {operations.map((op) => (
              <OperationRow
                key={op.id}
                tool={tool.name}
                op={op}
                canWrite={canWrite}
                schemaOpen={openSchema === op.id}
                onToggleSchema={() => setOpenSchema((v) => (v === op.id ? null : op.id))}
                onEdit={() => onEditOperation(op)}
                onDelete={() => onDeleteOperation(op)}
              />
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

function OperationRow({
  tool,
  op,
  canWrite,
  schemaOpen,
  onToggleSchema,
  onEdit,
  onDelete,
}: {
  tool: string;
  op: Op;
  canWrite: boolean;
  schemaOpen: boolean;
  onToggleSchema: () => void;
  onEdit: () => void;
  onDelete: () => void;
}) {
  return (
    <>
      <tr className="hover:bg-slate-50/60">
        <td className="w-[18rem] max-w-[18rem] px-5 py-2.5 align-top">
          <code className="break-all font-mono text-[13px] text-slate-900">{op.name}</code>
        </td>
        <td className="w-24 px-3 py-2.5 align-top">
          <EffectBadge effect={op.effect} />
        </td>
        <td className="px-3 py-2.5 align-top text-slate-600">
          <p className="line-clamp-2 break-words" title={op.description || undefined}>
            {op.description || <span className="text-slate-400">—</span>}
          </p>
        </td>
        <td className="whitespace-nowrap px-5 py-2 text-right align-top">
          <div className="flex justify-end gap-1">
            {op.inputSchema != null && (
              <Button
                size="sm"
                variant="ghost"
                onClick={onToggleSchema}
                aria-expanded={schemaOpen}
                aria-label={`${schemaOpen ? "Hide" : "Show"} input schema of ${tool}:${op.name}`}
              >
                {schemaOpen ? "Hide schema" : "Schema"}
              </Button>
            )}
            {canWrite && (
              <>
                <Button size="sm" variant="ghost" onClick={onEdit} aria-label={`Edit ${tool}:${op.name}`}>
                  Edit
                </Button>
                <Button
                  size="sm"
                  variant="danger-ghost"
                  onClick={onDelete}
                  aria-label={`Delete ${tool}:${op.name}`}
                >
                  Delete
                </Button>
              </>
            )}
          </div>
        </td>
      </tr>
      {schemaOpen && (
        <tr>
          <td colSpan={4} className="bg-slate-50 px-5 py-3">
            <pre className="max-h-72 overflow-auto font-mono text-[11px] leading-4 text-slate-800">
              {JSON.stringify(op.inputSchema, null, 2)}
            </pre>
          </td>
        </tr>
      )}
    </>
  );
}
