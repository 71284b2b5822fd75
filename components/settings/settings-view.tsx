"use client";

import { useQuery } from "@tanstack/react-query";
import { useTRPC } from "@/components/trpc";
import { Badge, type Tone } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { RelativeTime } from "@/components/ui/relative-time";
import { ErrorNotice, Loading } from "@/components/ui/states";
import { Table, Td, Th } from "@/components/ui/table";
import { errorMessage } from "@/components/ui/trpc-errors";

const ROLE_TONE: Record<string, Tone> = { ADMIN: "violet", SECURITY: "red", OWNER: "blue", AUDITOR: "gray" };
const ROLE_DESCRIPTION: Record<string, string> = {
  ADMIN: "Manages members, environments and org settings; can change any agent.",
  SECURITY: "Approves pending actions, pauses agents and freezes environments; can change any agent.",
  OWNER: "Registers agents and manages the ones they own.",
  AUDITOR: "Reads everything, changes nothing.",
};

/** Members and environments of the organization (read-only for now). */
export function SettingsView() {
  const trpc = useTRPC();
  const members = useQuery(trpc.members.list.queryOptions());
  const environments = useQuery(trpc.environments.list.queryOptions());

  return (
    <>
      <PageHeader
        title="Settings"
        description="Who can do what, and where agents run. Members and environments are managed by admins (or the fleet file)."
      />
      <div className="space-y-8">
        <section aria-labelledby="members-heading">
          <h2 id="members-heading" className="mb-3 text-base font-semibold text-slate-900">
            Members
          </h2>
          {members.isPending ? (
            <Loading label="Loading members…" />
          ) : members.isError ? (
            <ErrorNotice title="Could not load members" message={errorMessage(members.error)} />
          ) : (
            <Table>
              <thead>
                <tr>
                  <Th>Name</Th>
                  <Th>E-mail</Th>
                  <Th>Roles</Th>
                  <Th>Member since</Th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {members.data.map((m) => (
                  <tr key={m.id}>
                    <Td className="max-w-[16rem]">
                      <p className="truncate font-medium text-slate-900" title={m.name}>
                        {m.name || "—"}
                      </p>
                    </Td>
                    <Td className="max-w-[20rem]">
                      <p className="truncate" title={m.email}>
                        {m.email}
                      </p>
                    </Td>
                    <Td>
                      <div className="flex flex-wrap gap-1">
                        {m.roles.map((r) => (
                          <Badge key={r} tone={ROLE_TONE[r] ?? "gray"} title={ROLE_DESCRIPTION[r]}>
                            {r.charAt(0) + r.slice(1).toLowerCase()}
                          </Badge>
                        ))}
                      </div>
                    </Td>
                    <Td className="whitespace-nowrap">
                      <RelativeTime date={m.createdAt} />
                    </Td>
                  </tr>
                ))}
              </tbody>
            </Table>
          )}
        </section>

        <section aria-labelledby="environments-heading">
          <h2 id="environments-heading" className="mb-3 text-base font-semibold text-slate-900">
            Environments
          </h2>
          {environments.isPending ? (
            <Loading label="Loading environments…" />
          ) : environments.isError ? (
            <ErrorNotice title="Could not load environments" message={errorMessage(environments.error)} />
          ) : (
            <Table>
              <thead>
                <tr>
                  <Th>Name</Th>
                  <Th>Kind</Th>
                  <Th>State</Th>
                  <Th className="text-right">Agents</Th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {environments.data.map((e) => (
                  <tr key={e.id}>
                    <Td>
                      <code className="break-all font-mono font-medium text-slate-900">{e.name}</code>
                    </Td>
                    <Td>
                      {e.isProduction ? <Badge tone="red">Production</Badge> : <Badge>Non-production</Badge>}
                    </Td>
                    <Td>
                      {e.frozen ? (
                        <Badge
                          tone="violet"
                          title="Every action in this environment is denied until it is unfrozen."
                        >
                          Frozen
                        </Badge>
                      ) : (
                        <Badge tone="green">Open</Badge>
                      )}
                    </Td>
                    <Td className="text-right tabular-nums">{e.agentCount}</Td>
                  </tr>
                ))}
              </tbody>
            </Table>
          )}
        </section>

        <Card title="Roles" description="What each role may do. A member may hold several.">
          <dl className="grid gap-3 sm:grid-cols-2">
            {Object.entries(ROLE_DESCRIPTION).map(([role, text]) => (
              <div key={role} className="flex items-start gap-2">
                <dt>
                  <Badge tone={ROLE_TONE[role] ?? "gray"}>
                    {role.charAt(0) + role.slice(1).toLowerCase()}
                  </Badge>
                </dt>
                <dd className="text-sm text-slate-600">{text}</dd>
              </div>
            ))}
          </dl>
        </Card>
      </div>
    </>
  );
}
