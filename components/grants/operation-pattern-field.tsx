"use client";

import { useId, useMemo } from "react";
import { EffectBadge, type Effect } from "@/components/tools/effect-badge";
import { cx } from "@/components/ui/cx";
import { controlClass } from "@/components/ui/field";
import { operationMatches, operationPatternHint } from "./match-pattern";
import type { CatalogTool } from "./types";

const PREVIEW_LIMIT = 12;

/** Why the autonomy level adds approvals to some of the matched effects, or null. */
function autonomyNote(autonomy: number, effects: Set<Effect>): string | null {
  if (autonomy === 0)
    return "At autonomy 0 · Observe every call is denied and recorded as a suggestion, whatever the grant says.";
  if (autonomy === 1 && [...effects].some((e) => e !== "READ"))
    return "At autonomy 1 · Assist, the non-READ operations here also need approval.";
  if (autonomy === 2 && (effects.has("DELETE") || effects.has("ADMIN")))
    return "At autonomy 2 · Guarded, the DELETE and ADMIN operations here also need approval.";
  return null;
}

/**
 * The `tool:operation` pattern with suggestions from the catalog and a live preview of the
 * operations it matches.
 */
export function OperationPatternField({
  value,
  onChange,
  catalog,
  catalogLoading,
  autonomy,
  error,
}: {
  value: string;
  onChange: (value: string) => void;
  catalog: CatalogTool[];
  catalogLoading: boolean;
  autonomy: number;
  error?: string | null;
}) {
  const id = useId();
  const suggestions = useMemo(
    () =>
      catalog.flatMap((tool) => [
        { value: `${tool.name}:*`, label: `every operation of ${tool.name}` },
        ...tool.operations.map((op) => ({
          value: `${tool.name}:${op.name}`,
          label: `${op.effect}${op.description ? ` · ${op.description}` : ""}`,
        })),
      ]),
    [catalog],
  );
  const pattern = value.trim();
  const hint = operationPatternHint(pattern);
  const matches = useMemo(
    () =>
      pattern && !hint
        ? catalog.flatMap((tool) =>
            tool.operations
              .filter((op) => operationMatches(pattern, tool.name, op.name))
              .map((op) => ({ tool: tool.name, op })),
          )
        : [],
    [catalog, pattern, hint],
  );
  const effects = new Set(matches.map((m) => m.op.effect));
  const note = matches.length ? autonomyNote(autonomy, effects) : null;
  const problem = error ?? hint;

  return (
    <div className="space-y-1">
      <label htmlFor={id} className="block text-sm font-medium text-slate-800">
        Operation pattern
      </label>
      <input
        id={id}
        list={`${id}-catalog`}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        placeholder="github:pulls.*"
        autoComplete="off"
        spellCheck={false}
        required
        aria-invalid={problem ? true : undefined}
        aria-describedby={`${id}-help ${id}-preview`}
        className={cx(controlClass, "font-mono", problem && "ring-red-400 focus:ring-red-500")}
      />
      <datalist id={`${id}-catalog`}>
        {suggestions.map((s) => (
          <option key={s.value} value={s.value} label={s.label} />
        ))}
      </datalist>
      {problem ? (
        <p id={`${id}-help`} role="alert" className="text-xs font-medium text-red-600">
          {problem}
        </p>
      ) : (
        <p id={`${id}-help`} className="text-xs text-slate-500">
          <span className="font-mono">tool:operation</span>; <span className="font-mono">*</span> is a
          wildcard, e.g. <span className="font-mono">github:pulls.*</span> or{" "}
          <span className="font-mono">slack:*</span>. Start typing for suggestions from the tool catalog.
        </p>
      )}

      <div
        id={`${id}-preview`}
        aria-live="polite"
        className="rounded-md bg-slate-50 px-3 py-2 ring-1 ring-inset ring-slate-200"
      >
        {!pattern || hint ? (
          <p className="text-xs text-slate-500">The operations this pattern matches will show here.</p>
        ) : catalogLoading ? (
          <p className="text-xs text-slate-500">Loading the tool catalog…</p>
        ) : matches.length === 0 ? (
          <p className="text-xs font-medium text-amber-800">
            ⚠ Matches no operation in the tool catalog. Check the spelling, or add the tool to the catalog
            first.
          </p>
        ) : (
          <>
            <p className="mb-1.5 text-xs font-medium text-slate-600">
              Matches {matches.length} {matches.length === 1 ? "operation" : "operations"}
            </p>
            <ul className="flex flex-wrap gap-1.5">
              {matches.slice(0, PREVIEW_LIMIT).map(({ tool, op }) => (
                <li
                  key={op.id}
                  className="inline-flex items-center gap-1 rounded-md bg-white py-0.5 pl-1.5 pr-0.5 ring-1 ring-inset ring-slate-200"
                >
                  <code className="font-mono text-[11px] text-slate-700">
                    {tool}:{op.name}
                  </code>
                  <EffectBadge effect={op.effect} />
                </li>
              ))}
              {matches.length > PREVIEW_LIMIT && (
                <li className="text-xs text-slate-500">+{matches.length - PREVIEW_LIMIT} more</li>
              )}
            </ul>
            {note && <p className="mt-2 text-xs text-slate-600">{note}</p>}
          </>
        )}
      </div>
    </div>
  );
}
