// External links recorded by agents are shown only when they are http(s), and open without
// giving the other site a handle on this page (noopener) or our URL (noreferrer).

export function safeHttpUrl(url: string | null | undefined): string | null {
  if (!url) return null;
  try {
    const parsed = new URL(url);
    return parsed.protocol === "http:" || parsed.protocol === "https:" ? parsed.href : null;
  } catch {
    return null;
  }
}

export function ExternalLink({
  url,
  children,
}: {
  url: string | null | undefined;
  children?: React.ReactNode;
}) {
  const safe = safeHttpUrl(url);
  if (!safe) {
    return url ? (
      <span className="break-all font-mono text-xs text-slate-500">
        {url} (link not shown: not http/https)
      </span>
    ) : null;
  }
  return (
    <a
      href={safe}
      target="_blank"
      rel="noopener noreferrer"
      className="break-all font-medium text-brand-700 hover:underline"
    >
      {children ?? safe}
      <span aria-hidden> ↗</span>
    </a>
  );
}
