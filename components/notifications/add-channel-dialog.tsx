"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTRPC } from "@/components/trpc";
import { Button } from "@/components/ui/button";
import { Dialog, DialogActions } from "@/components/ui/dialog";
import { Field } from "@/components/ui/field";
import { OneTimeSecret } from "@/components/ui/one-time-secret";
import { ErrorNotice } from "@/components/ui/states";
import { toast } from "@/components/ui/toast";
import { errorMessage, fieldErrors } from "@/components/ui/trpc-errors";
import { channelUrlProblem } from "@/server/domain/notifications/channel-fields";
import {
  EVENT_LABELS,
  NOTIFICATION_EVENTS,
  type NotificationEvent,
} from "@/server/domain/notifications/notification-events";

type Kind = "SLACK" | "WEBHOOK";

const KINDS: { value: Kind; label: string; description: string }[] = [
  {
    value: "SLACK",
    label: "Slack",
    description:
      "An incoming-webhook URL from Slack (or any Slack-compatible chat). Messages are { text, blocks }.",
  },
  {
    value: "WEBHOOK",
    label: "Signed webhook",
    description:
      "Any HTTPS endpoint. Each message is JSON signed with HMAC-SHA256 in the Warden-Signature header.",
  },
];

/** Adds a Slack or signed-webhook channel. A webhook's signing secret is shown here, once. */
export function AddChannelDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const [secret, setSecret] = useState<string | null>(null);
  const close = () => {
    setSecret(null);
    onClose();
  };
  return (
    <Dialog
      open={open}
      onClose={close}
      size="lg"
      title={secret ? "Save the signing secret" : "Add notification channel"}
      description={
        secret ? undefined : "Tell people when an agent asks for approval and when an approval is decided."
      }
    >
      {open &&
        (secret ? (
          <div className="space-y-4">
            <OneTimeSecret value={secret} label="Signing secret" headline="This secret is shown only once.">
              Your receiver uses it to check the Warden-Signature header of every message (see the README).
              Warden cannot show it again; if it is lost, delete the channel and add it again.
            </OneTimeSecret>
            <DialogActions>
              <Button onClick={close}>I saved it</Button>
            </DialogActions>
          </div>
        ) : (
          <AddChannelForm onClose={close} onSecret={setSecret} />
        ))}
    </Dialog>
  );
}

function AddChannelForm({ onClose, onSecret }: { onClose: () => void; onSecret: (secret: string) => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const environments = useQuery(trpc.environments.list.queryOptions());
  const [kind, setKind] = useState<Kind>("SLACK");
  const [name, setName] = useState("");
  const [url, setUrl] = useState("");
  const [environmentId, setEnvironmentId] = useState("");
  const [events, setEvents] = useState<NotificationEvent[]>([...NOTIFICATION_EVENTS]);
  const [submitted, setSubmitted] = useState(false);
  const create = useMutation(
    trpc.notifications.create.mutationOptions({
      onSuccess: async (result) => {
        await queryClient.invalidateQueries({ queryKey: trpc.notifications.pathKey() });
        toast(`Channel ${name.trim()} added.`);
        if (result.signingSecret) onSecret(result.signingSecret);
        else onClose();
      },
    }),
  );
  const server = fieldErrors(create.error);
  const local = {
    name: name.trim() ? null : "Give the channel a name, e.g. #security-approvals.",
    url: channelUrlProblem(url.trim()),
    events: events.length ? null : "Choose at least one event.",
  };
  const errors = {
    name: server.name ?? (submitted ? local.name : null),
    url: server.url ?? (submitted ? local.url : null),
    events: server.events ?? (submitted ? local.events : null),
  };
  const toggle = (event: NotificationEvent) =>
    setEvents((current) =>
      current.includes(event) ? current.filter((e) => e !== event) : [...current, event],
    );

  return (
    <form
      className="space-y-4"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        setSubmitted(true);
        if (local.name || local.url || local.events) return;
        create.mutate({
          kind,
          name: name.trim(),
          url: url.trim(),
          events,
          environmentId: environmentId || null,
        });
      }}
    >
      {create.isError && !server.name && !server.url && !server.events && (
        <ErrorNotice title="Could not add the channel" message={errorMessage(create.error)} />
      )}
      <fieldset className="space-y-2">
        <legend className="text-sm font-medium text-slate-800">Kind</legend>
        <div className="grid gap-2 sm:grid-cols-2">
          {KINDS.map((option) => (
            <label
              key={option.value}
              className={`flex cursor-pointer items-start gap-3 rounded-md p-3 ring-1 ${kind === option.value ? "bg-brand-50 ring-brand-500" : "ring-slate-200 hover:ring-slate-300"}`}
            >
              <input
                type="radio"
                name="kind"
                value={option.value}
                checked={kind === option.value}
                onChange={() => setKind(option.value)}
                className="mt-0.5 size-4 shrink-0 accent-brand-600"
              />
              <span>
                <span className="block text-sm font-medium text-slate-900">{option.label}</span>
                <span className="block text-xs text-slate-600">{option.description}</span>
              </span>
            </label>
          ))}
        </div>
      </fieldset>
      <Field label="Name" hint="How you will recognise it, e.g. #security-approvals." error={errors.name}>
        {(p) => (
          <input
            {...p}
            value={name}
            maxLength={80}
            onChange={(e) => setName(e.target.value)}
            autoComplete="off"
          />
        )}
      </Field>
      <Field
        label="URL"
        hint={
          kind === "SLACK"
            ? "Slack → Apps → Incoming Webhooks → your channel's webhook URL. Treat it like a password."
            : "Where Warden POSTs the JSON messages (http or https)."
        }
        error={errors.url}
      >
        {(p) => (
          <input
            {...p}
            type="url"
            value={url}
            onChange={(e) => setUrl(e.target.value)}
            autoComplete="off"
            spellCheck={false}
            placeholder={
              kind === "SLACK" ? "https://hooks.slack.com/services/…" : "https://siem.example.com/warden"
            }
            className={`${p.className} font-mono`}
          />
        )}
      </Field>
      <Field label="Environment" hint="Only approvals of agents in this environment are sent.">
        {(p) => (
          <select {...p} value={environmentId} onChange={(e) => setEnvironmentId(e.target.value)}>
            <option value="">Every environment</option>
            {environments.data?.map((env) => (
              <option key={env.id} value={env.id}>
                {env.name}
                {env.isProduction ? " (production)" : ""}
              </option>
            ))}
          </select>
        )}
      </Field>
      <fieldset className="space-y-2" aria-describedby={errors.events ? "events-error" : undefined}>
        <legend className="text-sm font-medium text-slate-800">Events</legend>
        {NOTIFICATION_EVENTS.map((event) => (
          <label key={event} className="flex cursor-pointer items-center gap-2 text-sm text-slate-700">
            <input
              type="checkbox"
              checked={events.includes(event)}
              onChange={() => toggle(event)}
              className="size-4 accent-brand-600"
            />
            {EVENT_LABELS[event]} <code className="text-xs text-slate-500">{event}</code>
          </label>
        ))}
        {errors.events && (
          <p id="events-error" role="alert" className="text-xs font-medium text-red-600">
            {errors.events}
          </p>
        )}
      </fieldset>
      <DialogActions>
        <Button variant="secondary" onClick={onClose}>
          Cancel
        </Button>
        <Button type="submit" busy={create.isPending}>
          Add channel
        </Button>
      </DialogActions>
    </form>
  );
}
