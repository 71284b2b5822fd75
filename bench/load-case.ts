// One load case: autocannon against one URL with prepared requests, every response read for its
// decision, so that the benchmark knows exactly which allows the clients were given.
import autocannon from "autocannon";
import type { PreparedRequest } from "./request-mix";

export type Tally = {
  allow: number;
  deny: number;
  requireApproval: number;
  /** 2xx answers without a decision (the bare server's are counted here too). */
  other: number;
  non2xx: number;
  /** The decisionId of every allow answered (only when collecting). */
  allowIds: string[] | null;
};

export const newTally = (collectIds: boolean): Tally => ({
  allow: 0,
  deny: 0,
  requireApproval: 0,
  other: 0,
  non2xx: 0,
  allowIds: collectIds ? [] : null,
});

export type LoadResult = {
  requestsPerSecond: number;
  p50: number;
  p99: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  total: number;
};

const DECISION = '"decision":"';
const DECISION_ID = '"decisionId":"';

function record(tally: Tally, status: number, body: string): void {
  if (status < 200 || status > 299) {
    tally.non2xx++;
    return;
  }
  const at = body.indexOf(DECISION);
  const kind = at === -1 ? "" : body.charAt(at + DECISION.length);
  if (kind === "a") {
    tally.allow++;
    if (tally.allowIds) {
      const idAt = body.indexOf(DECISION_ID);
      const start = idAt + DECISION_ID.length;
      tally.allowIds.push(idAt === -1 ? "(no decisionId)" : body.slice(start, body.indexOf('"', start)));
    }
  } else if (kind === "d") tally.deny++;
  else if (kind === "r") tally.requireApproval++;
  else tally.other++;
}

export async function runLoad(options: {
  url: string;
  path: string;
  requests: readonly PreparedRequest[];
  connections: number;
  durationSeconds: number;
  tally: Tally;
}): Promise<LoadResult> {
  const { requests, tally } = options;
  const onResponse = (status: number, body: string) => record(tally, status, body);
  const toRequest = (r: PreparedRequest): autocannon.Request => ({
    method: "POST",
    path: options.path,
    headers: { authorization: r.authorization, "content-type": "application/json" },
    body: r.body,
    onResponse,
  });
  // Each connection walks the whole list from its own offset, so that at any moment the
  // connections speak for different agents (in the many-agents case) rather than in lockstep.
  const stride = Math.max(1, Math.floor(requests.length / options.connections));
  let clientIndex = 0;
  const result = await autocannon({
    url: options.url,
    connections: options.connections,
    duration: options.durationSeconds,
    requests: [toRequest(requests[0]!)],
    setupClient: (client) => {
      const offset = (clientIndex++ * stride) % requests.length;
      client.setRequests([...requests.slice(offset), ...requests.slice(0, offset)].map(toRequest));
    },
  });
  return {
    requestsPerSecond: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    total: result.requests.total,
  };
}
