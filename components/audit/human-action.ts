/** "agent.paused" → "Agent paused"; "credential.issued" → "Credential issued". */
export function humanAction(action: string): string {
  const text = action
    .replace(/[._]/g, " ")
    .replace(/([a-z])([A-Z])/g, "$1 $2")
    .toLowerCase();
  return text.charAt(0).toUpperCase() + text.slice(1);
}
