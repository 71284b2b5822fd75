"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useId, useState } from "react";
import { useTRPC } from "@/components/trpc";
import { Button } from "@/components/ui/button";
import { cx } from "@/components/ui/cx";
import { Dialog, DialogActions } from "@/components/ui/dialog";
import { Field, controlClass } from "@/components/ui/field";
import { Notice } from "@/components/ui/states";
import { toast } from "@/components/ui/toast";
import { errorIssues, errorMessage, fieldErrors } from "@/components/ui/trpc-errors";

const PLACEHOLDER = `{
  "tools": [
    {
      "name": "search_issues",
      "description": "Search issues",
      "inputSchema": { "type": "object", "properties": { "q": { "type": "string" } } },
      "annotations": { "readOnlyHint": true }
    }
  ]
}`;

const MAX_FILE_BYTES = 2 * 1024 * 1024;

/** Import the operations of an MCP server from its `tools/list` answer (pasted or uploaded). */
export function ImportMcpDialog({
  open,
  onClose,
  toolNames,
}: {
  open: boolean;
  onClose: () => void;
  toolNames: string[];
}) {
  return (
    <Dialog
      open={open}
      onClose={onClose}
      size="lg"
      title="Import from MCP"
      description="Paste the result of an MCP server's tools/list call, or upload it as a .json file. Each MCP tool becomes an operation; readOnlyHint makes it READ, destructiveHint DELETE, anything else WRITE."
    >
      {open && <ImportBody onClose={onClose} toolNames={toolNames} />}
    </Dialog>
  );
}

function ImportBody({ onClose, toolNames }: { onClose: () => void; toolNames: string[] }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const id = useId();
  const [toolName, setToolName] = useState("");
  const [json, setJson] = useState("");
  const [fileProblem, setFileProblem] = useState<string | null>(null);
  const [result, setResult] = useState<{
    toolName: string;
    created: number;
    updated: number;
    unchanged: number;
  } | null>(null);
  const importMcp = useMutation(
    trpc.tools.importMcp.mutationOptions({
      onSuccess: async (r) => {
        await queryClient.invalidateQueries({ queryKey: trpc.tools.pathKey() });
        await queryClient.invalidateQueries({ queryKey: trpc.grants.pathKey() });
        setResult({
          toolName: toolName.trim(),
          created: r.created,
          updated: r.updated,
          unchanged: r.unchanged,
        });
        toast(`Imported into ${toolName.trim()}.`);
      },
    }),
  );
  const errors = fieldErrors(importMcp.error);

  async function onFile(file: File | undefined) {
    setFileProblem(null);
    if (!file) return;
    if (file.size > MAX_FILE_BYTES) {
      setFileProblem("That file is larger than 2 MB; a tools/list answer is usually much smaller.");
      return;
    }
    setJson(await file.text());
    if (!toolName)
      setToolName(
        file.name
          .replace(/\.json$/i, "")
          .toLowerCase()
          .replace(/[^a-z0-9_-]+/g, "-")
          .replace(/^-+|-+$/g, ""),
      );
  }

  if (result) {
    return (
      <div className="space-y-4">
        <Notice tone="success">
          <p className="font-medium">
            Imported into <span className="font-mono">{result.toolName}</span>
          </p>
          <p className="mt-1 tabular-nums">
            {result.created} created · {result.updated} updated · {result.unchanged} unchanged
          </p>
        </Notice>
        <DialogActions>
          <Button onClick={onClose}>Done</Button>
        </DialogActions>
      </div>
    );
  }

  return (
    <form
      className="space-y-4"
      onSubmit={(e) => {
        e.preventDefault();
        importMcp.mutate({ toolName: toolName.trim(), json });
      }}
    >
      {importMcp.isError && !errors.json && !errors.toolName && (
        <div
          role="alert"
          className="rounded-md bg-red-50 px-4 py-3 text-sm text-red-800 ring-1 ring-inset ring-red-600/20"
        >
          <p className="font-medium">Could not import: {errorMessage(importMcp.error)}</p>
          {errorIssues(importMcp.error).length > 0 && (
            <ul className="mt-1 max-h-40 list-disc space-y-0.5 overflow-auto pl-5 text-xs">
              {errorIssues(importMcp.error).map((issue) => (
                <li key={`${issue.path}-${issue.message}`} className="break-words">
                  <code className="font-mono">{issue.path}</code>: {issue.message}
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
      <Field
        label="Tool name"
        hint="The catalog tool to import into; created if it does not exist."
        error={errors.toolName}
      >
        {(p) => (
          <>
            <input
              {...p}
              list={`${id}-tools`}
              value={toolName}
              onChange={(e) => setToolName(e.target.value)}
              className={`${p.className} font-mono`}
              autoComplete="off"
              spellCheck={false}
              placeholder="github"
              autoFocus
            />
            <datalist id={`${id}-tools`}>
              {toolNames.map((n) => (
                <option key={n} value={n} />
              ))}
            </datalist>
          </>
        )}
      </Field>
      <div className="space-y-1">
        <label htmlFor={`${id}-file`} className="block text-sm font-medium text-slate-800">
          Upload a .json file
        </label>
        <input
          id={`${id}-file`}
          type="file"
          accept=".json,application/json"
          onChange={(e) => void onFile(e.target.files?.[0])}
          className="block w-full text-sm text-slate-600 file:mr-3 file:rounded-md file:border-0 file:bg-slate-100 file:px-3 file:py-1.5 file:text-sm file:font-medium file:text-slate-800 hover:file:bg-slate-200"
        />
        {fileProblem && (
          <p role="alert" className="text-xs font-medium text-red-600">
            {fileProblem}
          </p>
        )}
      </div>
      <div className="space-y-1">
        <label htmlFor={`${id}-json`} className="block text-sm font-medium text-slate-800">
          tools/list JSON
        </label>
        <textarea
          id={`${id}-json`}
          value={json}
          onChange={(e) => setJson(e.target.value)}
          rows={10}
          spellCheck={false}
          placeholder={PLACEHOLDER}
          aria-invalid={errors.json ? true : undefined}
          className={cx(controlClass, "font-mono text-xs leading-5", errors.json && "ring-red-400")}
        />
        {errors.json ? (
          <p role="alert" className="text-xs font-medium text-red-600">
            {errors.json}
          </p>
        ) : (
          <p className="text-xs text-slate-500">The full JSON-RPC response (with result.tools) works too.</p>
        )}
      </div>
      <DialogActions>
        <Button variant="secondary" onClick={onClose}>
          Cancel
        </Button>
        <Button type="submit" busy={importMcp.isPending} disabled={!toolName.trim() || !json.trim()}>
          Import
        </Button>
      </DialogActions>
    </form>
  );
}
