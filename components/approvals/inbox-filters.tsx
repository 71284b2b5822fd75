"use client";

import { useQuery } from "@tanstack/react-query";
import { useTRPC } from "@/components/trpc";
import { Button } from "@/components/ui/button";
import { FilterSelect } from "@/components/ui/filter-select";

const EFFECTS = ["READ", "WRITE", "DELETE", "SPEND", "ADMIN"] as const;
type Effect = (typeof EFFECTS)[number];
const AGES = [
  { value: "1", label: "Waiting over 1 min" },
  { value: "5", label: "Waiting over 5 min" },
  { value: "30", label: "Waiting over 30 min" },
];

export type InboxFilterState = ReturnType<typeof readInboxFilters>;

/** The filters live in the URL (`?agent=&env=&effect=&age=`), so a filtered inbox can be shared. */
export function readInboxFilters(params: URLSearchParams) {
  const agentId = params.get("agent") || undefined;
  const environmentId = params.get("env") || undefined;
  const effectParam = params.get("effect");
  const effect = EFFECTS.includes(effectParam as Effect) ? (effectParam as Effect) : undefined;
  const age = AGES.find((a) => a.value === params.get("age"))?.value;
  const common = {
    ...(agentId ? { agentId } : {}),
    ...(environmentId ? { environmentId } : {}),
    ...(effect ? { effect } : {}),
  };
  return {
    agentId,
    environmentId,
    effect,
    age,
    active: Boolean(agentId || environmentId || effect || age),
    input: { ...common, ...(age ? { olderThanMinutes: Number(age) } : {}) },
    historyInput: common,
  };
}

export function InboxFilters({
  filters,
  onChange,
  withAge,
}: {
  filters: InboxFilterState;
  onChange: (updates: Record<string, string | undefined>) => void;
  /** How long an approval has waited only means something while it waits. */
  withAge: boolean;
}) {
  const trpc = useTRPC();
  const agents = useQuery(trpc.agents.list.queryOptions({}));
  const environments = useQuery(trpc.environments.list.queryOptions());
  return (
    <div className="flex flex-wrap items-end gap-2" role="search" aria-label="Filter approvals">
      <FilterSelect
        id="approvals-filter-agent"
        label="Agent"
        allLabel="All agents"
        value={filters.agentId ?? ""}
        onChange={(v) => onChange({ agent: v, id: undefined })}
        options={(agents.data?.items ?? []).map((a) => ({ value: a.id, label: a.name }))}
      />
      <FilterSelect
        id="approvals-filter-environment"
        label="Environment"
        allLabel="All environments"
        value={filters.environmentId ?? ""}
        onChange={(v) => onChange({ env: v, id: undefined })}
        options={(environments.data ?? []).map((e) => ({
          value: e.id,
          label: e.isProduction ? `${e.name} (production)` : e.name,
        }))}
      />
      <FilterSelect
        id="approvals-filter-effect"
        label="Effect"
        allLabel="Any effect"
        value={filters.effect ?? ""}
        onChange={(v) => onChange({ effect: v, id: undefined })}
        options={EFFECTS.map((e) => ({ value: e, label: e.charAt(0) + e.slice(1).toLowerCase() }))}
      />
      {withAge && (
        <FilterSelect
          id="approvals-filter-age"
          label="Age"
          allLabel="Any age"
          value={filters.age ?? ""}
          onChange={(v) => onChange({ age: v, id: undefined })}
          options={AGES}
        />
      )}
      {filters.active && (
        <Button
          variant="ghost"
          onClick={() => onChange({ agent: undefined, env: undefined, effect: undefined, age: undefined })}
        >
          Clear filters
        </Button>
      )}
    </div>
  );
}
