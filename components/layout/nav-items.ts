// The console's main sections. Later capabilities (approvals, runs, overview) add their entry here.
export const NAV_ITEMS: { href: string; label: string; icon: string }[] = [
  { href: "/agents", label: "Agents", icon: "◉" },
  { href: "/tools", label: "Tool catalog", icon: "⚙" },
  { href: "/audit", label: "Audit trail", icon: "≡" },
  { href: "/settings", label: "Settings", icon: "⌂" },
];
