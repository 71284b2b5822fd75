"use client";

import { useState } from "react";
import type { RouterOutputs } from "@/components/trpc";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { EffectBadge } from "./effect-badge";
import { RedactionRules } from "./redaction-rules";

type Tool = RouterOutputs["tools"]["list"][number];

const SOURCE_LABEL: Record<string, string> = {
  MANUAL: "Added by hand",
  MCP: "Imported from MCP",
  FLEET: "From the fleet file",
};

type Op = Tool["operations"][number];

/** One tool of the catalog with its operations (and, for writers, their actions). */
export function ToolCard({
  tool,
  operations,
  canWrite,
  canLoosen,
  onAddOperation,
  onEditOperation,
  onDeleteOperation,
  onDeleteTool,
}: {
  tool: Tool;
  operations: Op[];
  canWrite: boolean;
  /** May loosen the catalog (lower effects, delete what grants use, weaken redaction rules). */
  canLoosen: boolean;
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
      <RedactionRules tool={tool} canWrite={canWrite} canLoosen={canLoosen} />
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
