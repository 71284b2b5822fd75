import { Badge } from "@/components/ui/badge";

export type CredentialState = "active" | "grace" | "expired" | "revoked";

const STATES: Record<
  CredentialState,
  { tone: "green" | "amber" | "gray" | "red"; label: string; title: string }
> = {
  active: { tone: "green", label: "Active", title: "Accepted by Warden." },
  grace: {
    tone: "amber",
    label: "Grace period",
    title: "Replaced by a rotation; still accepted until it expires.",
  },
  expired: { tone: "gray", label: "Expired", title: "No longer accepted: it passed its expiry." },
  revoked: { tone: "red", label: "Revoked", title: "No longer accepted: it was revoked." },
};

export function CredentialStateBadge({ state }: { state: CredentialState }) {
  const s = STATES[state];
  return (
    <Badge tone={s.tone} title={s.title}>
      {s.label}
    </Badge>
  );
}
