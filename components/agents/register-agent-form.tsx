"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useTRPC } from "@/components/trpc";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Field } from "@/components/ui/field";
import { PageHeader } from "@/components/ui/page-header";
import { ErrorNotice, Loading, Notice } from "@/components/ui/states";
import { toast } from "@/components/ui/toast";
import { errorCode, errorMessage, fieldErrors } from "@/components/ui/trpc-errors";
import type { AutonomyLevel } from "./autonomy";
import { AutonomyPicker } from "./autonomy-picker";

const NAME_PATTERN = /^[a-z0-9][a-z0-9._-]*$/;

/** Registers an agent: identity, owner, environment, autonomy and an optional parent. */
export function RegisterAgentForm() {
  const trpc = useTRPC();
  const router = useRouter();
  const queryClient = useQueryClient();
  const options = useQuery(trpc.agents.formOptions.queryOptions({}));

  const [name, setName] = useState("");
  const [purpose, setPurpose] = useState("");
  const [ownerId, setOwnerId] = useState<string | null>(null);
  const [environmentId, setEnvironmentId] = useState<string | null>(null);
  const [autonomy, setAutonomy] = useState<AutonomyLevel>(1);
  const [parentId, setParentId] = useState("");
  const [nameTouched, setNameTouched] = useState(false);

  const create = useMutation(
    trpc.agents.create.mutationOptions({
      onSuccess: async ({ id }) => {
        await queryClient.invalidateQueries({ queryKey: trpc.agents.pathKey() });
        toast(`Agent ${name} registered. Next: add its grants and issue a credential.`);
        router.push(`/agents/${id}`);
      },
    }),
  );

  if (options.isPending) return <Loading label="Loading form…" />;
  if (options.isError)
    return <ErrorNotice title="Could not load the form" message={errorMessage(options.error)} />;

  const { environments, owners, parents, me } = options.data;
  // Default to the first non-production environment: registering straight into prod is rarer.
  const selectedEnvironmentId =
    environmentId ?? environments.find((e) => !e.isProduction)?.id ?? environments[0]?.id ?? "";
  const selectedEnvironment = environments.find((e) => e.id === selectedEnvironmentId);
  const parentChoices = parents.filter((p) => p.environmentId === selectedEnvironmentId);
  const errors = fieldErrors(create.error);
  if (errorCode(create.error) === "ALREADY_EXISTS" && !errors.name) errors.name = errorMessage(create.error);
  const shownFieldError = Object.keys(errors).length > 0;
  const localNameError =
    nameTouched && name && !NAME_PATTERN.test(name)
      ? "Use lower-case letters, digits, dots, dashes and underscores, starting with a letter or digit."
      : null;

  function submit(event: React.FormEvent) {
    event.preventDefault();
    create.mutate({
      name: name.trim(),
      purpose: purpose.trim(),
      ...(me.canChooseOwner && ownerId ? { ownerId } : {}),
      environmentId: selectedEnvironmentId,
      autonomy,
      parentId: parentId || null,
    });
  }

  return (
    <>
      <PageHeader
        breadcrumb={
          <Link href="/agents" className="hover:text-slate-900">
            ← Agents
          </Link>
        }
        title="Register an agent"
        description="An agent is a non-human identity. It starts with no grants: until you add some, every action it asks for is denied."
      />
      <form onSubmit={submit} className="max-w-3xl space-y-6" noValidate>
        {create.isError && !shownFieldError && (
          <ErrorNotice title="Could not register the agent" message={errorMessage(create.error)} />
        )}
        <Card title="Identity">
          <div className="space-y-4">
            <Field
              label="Name"
              hint="A lower-case slug, unique in your organization, e.g. release-bot or support.triage."
              error={errors.name ?? localNameError}
            >
              {(p) => (
                <input
                  {...p}
                  value={name}
                  maxLength={80}
                  onChange={(e) => setName(e.target.value)}
                  onBlur={() => setNameTouched(true)}
                  autoComplete="off"
                  spellCheck={false}
                  required
                  autoFocus
                  className={`${p.className} font-mono`}
                  placeholder="release-bot"
                />
              )}
            </Field>
            <Field
              label="Purpose"
              hint="What it is for, in a sentence a reviewer understands. Shown on approvals."
              error={errors.purpose}
            >
              {(p) => (
                <textarea
                  {...p}
                  rows={3}
                  value={purpose}
                  maxLength={500}
                  onChange={(e) => setPurpose(e.target.value)}
                  placeholder="Merges approved pull requests on acme/web after CI passes."
                />
              )}
            </Field>
            {me.canChooseOwner && (
              <Field
                label="Owner"
                hint="The person accountable for this agent. They cannot approve its actions."
                error={errors.ownerId}
              >
                {(p) => (
                  <select {...p} value={ownerId ?? me.memberId} onChange={(e) => setOwnerId(e.target.value)}>
                    {owners.map((o) => (
                      <option key={o.id} value={o.id}>
                        {o.name ? `${o.name} <${o.email}>` : o.email}
                        {o.id === me.memberId ? " (you)" : ""}
                      </option>
                    ))}
                  </select>
                )}
              </Field>
            )}
          </div>
        </Card>

        <Card title="Where it runs">
          <div className="space-y-4">
            <Field
              label="Environment"
              hint="An agent lives in exactly one environment; a dev identity can never act in prod."
              error={errors.environmentId}
            >
              {(p) => (
                <select
                  {...p}
                  value={selectedEnvironmentId}
                  onChange={(e) => {
                    setEnvironmentId(e.target.value);
                    // A parent must live in the same environment: drop a choice that no longer fits.
                    if (!parents.some((x) => x.id === parentId && x.environmentId === e.target.value))
                      setParentId("");
                  }}
                  required
                >
                  {environments.map((e) => (
                    <option key={e.id} value={e.id}>
                      {e.isProduction ? `${e.name} (production)` : e.name}
                    </option>
                  ))}
                </select>
              )}
            </Field>
            {selectedEnvironment?.isProduction && (
              <Notice tone="warning">
                This agent will act in a <strong>production</strong> environment. Start with a low autonomy
                level and narrow grants.
              </Notice>
            )}
            <Field
              label="Parent agent (optional)"
              hint={
                parentChoices.length
                  ? "A sub-agent may only hold grants its parent also holds."
                  : "No agent in this environment can be a parent."
              }
              error={errors.parentId}
            >
              {(p) => (
                <select
                  {...p}
                  value={parentId}
                  onChange={(e) => setParentId(e.target.value)}
                  disabled={!parentChoices.length}
                >
                  <option value="">No parent — a top-level agent</option>
                  {parentChoices.map((a) => (
                    <option key={a.id} value={a.id}>
                      {a.name}
                    </option>
                  ))}
                </select>
              )}
            </Field>
          </div>
        </Card>

        <Card title="Autonomy" description="How much it may do without a human. You can change this later.">
          <AutonomyPicker
            value={autonomy}
            onChange={setAutonomy}
            error={errors.autonomy}
            columns={2}
            hideLegend
          />
        </Card>

        <div className="flex items-center justify-end gap-2">
          <Button variant="secondary" onClick={() => router.push("/agents")}>
            Cancel
          </Button>
          <Button type="submit" busy={create.isPending} disabled={!name.trim() || !selectedEnvironmentId}>
            Register agent
          </Button>
        </div>
      </form>
    </>
  );
}
