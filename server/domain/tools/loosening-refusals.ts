// What a member without tools:loosen is told when a change would loosen the org-wide catalog or
// redaction rules. Plain strings: the console shows the same sentences before anyone tries.

/** Why a loosening change was refused, in words for the person who tried it. */
export const LOOSENING_REFUSED = {
  lowerEffect:
    "Only admins and security can lower an operation's effect class: it loosens every agent's policy.",
  deleteUsedOperation:
    "Only admins and security can delete an operation that agents' grants use: added back with a lower effect class, it would loosen those agents' policy.",
  deleteUsedTool:
    "Only admins and security can delete a tool whose operations agents' grants use: added back with lower effect classes, they would loosen those agents' policy.",
  deleteToolWithRedaction:
    "Only admins and security can delete a tool that has redaction rules: the rules go with it, and what agents send to it would be stored in clear.",
  deleteRedactionRule:
    "Only admins and security can remove a redaction rule: payloads stored afterwards keep those values in clear.",
  weakenRedactionRule:
    "Only admins and security can weaken a redaction rule (remove a path, move it between parameters and results, or switch it from redact to fingerprint): more of what agents send would be stored in clear.",
} as const;
