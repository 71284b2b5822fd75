// The console's main sections. Later capabilities (approvals, runs, overview) add their entry here.
export const NAV_ITEMS: { href: string; label: string; icon: string }[] = [
  { href: "/overview", label: "Overview", icon: "◔" },
  { href: "/agents", label: "Agents", icon: "◉" },
  { href: "/approvals", label: "Approvals", icon: "✓" },
  { href: "/change-requests", label: "Change requests", icon: "⇄" },
  { href: "/tools", label: "Tool catalog", icon: "⚙" },
  { href: "/runs", label: "Runs", icon: "▶" },
  { href: "/audit", label: "Audit trail", icon: "≡" },
  { href: "/kill-switch", label: "Kill switch", icon: "⊘" },
  { href: "/incidents", label: "Incidents", icon: "⚑" },
  { href: "/settings", label: "Settings", icon: "⌂" },
];
