"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useEffect, useState } from "react";
import { useTRPC } from "@/components/trpc";
import { Button } from "@/components/ui/button";
import { FilterSelect } from "@/components/ui/filter-select";
import { controlClass } from "@/components/ui/field";
import { PageHeader } from "@/components/ui/page-header";
import { RelativeTime } from "@/components/ui/relative-time";
import { EmptyState, ErrorNotice, Loading } from "@/components/ui/states";
import { Table, Td, Th } from "@/components/ui/table";
import { Toaster } from "@/components/ui/toast";
import { errorMessage } from "@/components/ui/trpc-errors";
import { useDebouncedValue } from "@/components/ui/use-debounced-value";
import { cx } from "@/components/ui/cx";
import { useReplaceSearchParams } from "@/components/ui/use-replace-search-params";
import { AUTONOMY_LEVELS, isAutonomyLevel } from "./autonomy";
import { AgentStatusBadge, AutonomyBadge, EnvironmentBadge } from "./badges";

const STATUSES = ["ACTIVE", "PAUSED", "DECOMMISSIONED"] as const;
type Status = (typeof STATUSES)[number];
const isStatus = (v: string | null): v is Status => STATUSES.includes(v as Status);

/** The agent registry: search and filters live in the URL, so a filtered view can be shared. */
export function AgentsList() {
  const trpc = useTRPC();
  const router = useRouter();
  const pathname = usePathname();
  const params = useSearchParams();

  const environmentId = params.get("env") ?? undefined;
  const statusParam = params.get("status");
  const status = isStatus(statusParam) ? statusParam : undefined;
  const ownerId = params.get("owner") ?? undefined;
  const autonomyNumber = Number(params.get("autonomy") ?? "NaN");
  const autonomy = isAutonomyLevel(autonomyNumber) ? autonomyNumber : undefined;
  const urlSearch = params.get("q") ?? "";

  const [searchText, setSearchText] = useState(urlSearch);
  const debouncedSearch = useDebouncedValue(searchText.trim(), 300);

  const setParam = useReplaceSearchParams();

  // Push the debounced search into the URL (only when it differs, to avoid a replace loop).
  useEffect(() => {
    if (debouncedSearch !== urlSearch.trim()) setParam({ q: debouncedSearch || undefined });
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [debouncedSearch]);

  const input = {
    ...(urlSearch.trim() ? { search: urlSearch.trim() } : {}),
    ...(environmentId ? { environmentId } : {}),
    ...(status ? { status } : {}),
    ...(ownerId ? { ownerId } : {}),
    ...(autonomy !== undefined ? { autonomy } : {}),
  };
  const agents = useQuery({ ...trpc.agents.list.queryOptions(input), placeholderData: (prev) => prev });
  const environments = useQuery(trpc.environments.list.queryOptions());
  const members = useQuery(trpc.members.list.queryOptions());

  const filtered = Object.keys(input).length > 0;
  const canCreate = agents.data?.canCreate ?? false;

  return (
    <>
      <Toaster />
      <PageHeader
        title="Agents"
        description="Every AI agent is a non-human identity: an owner, an environment, an autonomy level, and the grants that say what it may do."
        actions={canCreate && <Button onClick={() => router.push("/agents/new")}>Register agent</Button>}
      />

      <div className="mb-4 flex flex-wrap items-end gap-2" role="search">
        <div className="min-w-[16rem] flex-1">
          <label htmlFor="agent-search" className="sr-only">
            Search agents
          </label>
          <input
            id="agent-search"
            type="search"
            value={searchText}
            onChange={(e) => setSearchText(e.target.value)}
            placeholder="Search by name or purpose…"
            className={controlClass}
          />
        </div>
        <FilterSelect
          label="Environment"
          allLabel="All environments"
          value={environmentId ?? ""}
          onChange={(v) => setParam({ env: v })}
          options={(environments.data ?? []).map((e) => ({
            value: e.id,
            label: e.isProduction ? `${e.name} (production)` : e.name,
          }))}
        />
        <FilterSelect
          label="Status"
          allLabel="Any status"
          value={status ?? ""}
          onChange={(v) => setParam({ status: v })}
          options={[
            { value: "ACTIVE", label: "Active" },
            { value: "PAUSED", label: "Paused" },
            { value: "DECOMMISSIONED", label: "Decommissioned" },
          ]}
        />
        <FilterSelect
          label="Owner"
          allLabel="All owners"
          value={ownerId ?? ""}
          onChange={(v) => setParam({ owner: v })}
          options={(members.data ?? []).map((m) => ({ value: m.id, label: m.name || m.email }))}
        />
        <FilterSelect
          label="Autonomy"
          allLabel="Any autonomy"
          value={autonomy !== undefined ? String(autonomy) : ""}
          onChange={(v) => setParam({ autonomy: v })}
          options={AUTONOMY_LEVELS.map((l) => ({ value: String(l.level), label: `${l.level} · ${l.name}` }))}
        />
        {(filtered || searchText) && (
          <Button
            variant="ghost"
            onClick={() => {
              setSearchText("");
              router.replace(pathname, { scroll: false });
            }}
          >
            Clear filters
          </Button>
        )}
      </div>

      {agents.isPending ? (
        <Loading label="Loading agents…" />
      ) : agents.isError ? (
        <ErrorNotice title="Could not load agents" message={errorMessage(agents.error)} />
      ) : agents.data.items.length === 0 ? (
        filtered ? (
          <EmptyState
            title="No agents match these filters"
            description="Try another search, or clear the filters to see every agent."
            action={
              <Button
                variant="secondary"
                onClick={() => {
                  setSearchText("");
                  router.replace(pathname, { scroll: false });
                }}
              >
                Clear filters
              </Button>
            }
          />
        ) : (
          <EmptyState
            title="No agents yet"
            description="Register an agent to give it an identity, scope what it may do, and issue its credential."
            action={
              canCreate ? (
                <Button onClick={() => router.push("/agents/new")}>Register your first agent</Button>
              ) : (
                <p className="text-xs text-slate-500">Ask an admin or an agent owner to register one.</p>
              )
            }
          />
        )
      ) : (
        <div className={cx(agents.isFetching && "opacity-70 transition-opacity")}>
          <Table>
            <thead>
              <tr>
                <Th dense>Agent</Th>
                <Th dense>Environment</Th>
                <Th dense>Autonomy</Th>
                <Th dense>Status</Th>
                <Th dense>Owner</Th>
                <Th dense className="text-right">
                  Grants
                </Th>
                <Th dense className="text-right">
                  Credentials
                </Th>
                <Th dense>Last used</Th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {agents.data.items.map((agent) => (
                <tr key={agent.id} className="hover:bg-slate-50/70">
                  <Td dense className="max-w-[17rem]">
                    <Link
                      href={`/agents/${agent.id}`}
                      className="block truncate font-medium text-slate-900 hover:text-brand-700 hover:underline"
                      title={agent.name}
                    >
                      {agent.name}
                    </Link>
                    <p className="truncate text-xs text-slate-500" title={agent.purpose || undefined}>
                      {agent.purpose || <span className="italic text-slate-400">No purpose given</span>}
                    </p>
                    {agent.parent && (
                      <p
                        className="truncate text-xs text-slate-400"
                        title={`Sub-agent of ${agent.parent.name}`}
                      >
                        ↳ sub-agent of {agent.parent.name}
                      </p>
                    )}
                  </Td>
                  <Td dense>
                    <EnvironmentBadge
                      name={agent.environment.name}
                      isProduction={agent.environment.isProduction}
                    />
                  </Td>
                  <Td dense>
                    <AutonomyBadge level={agent.autonomy} />
                  </Td>
                  <Td dense>
                    <AgentStatusBadge status={agent.status} />
                  </Td>
                  <Td dense className="max-w-[10rem]">
                    <p className="truncate" title={agent.owner.email}>
                      {agent.owner.name || agent.owner.email}
                    </p>
                  </Td>
                  <Td dense className="text-right tabular-nums">
                    {agent.grantCount}
                  </Td>
                  <Td
                    className={cx(
                      "whitespace-nowrap text-right tabular-nums",
                      agent.activeCredentialCount === 0 && "text-slate-400",
                    )}
                  >
                    {agent.activeCredentialCount} active
                  </Td>
                  <Td dense className="whitespace-nowrap">
                    <RelativeTime date={agent.lastUsedAt} fallback="Never" />
                  </Td>
                </tr>
              ))}
            </tbody>
          </Table>
          <p className="mt-2 text-xs text-slate-500">
            {agents.data.items.length} {agents.data.items.length === 1 ? "agent" : "agents"}
            {filtered && " match these filters"}
          </p>
        </div>
      )}
    </>
  );
}
