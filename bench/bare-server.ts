// The benchmark's baseline: plain Node HTTP answering every request with one fixed JSON body of
// the size of a decide answer. It reads the request body (as /api/decide must) and nothing else,
// so decide / bare is what the decision API costs over the HTTP stack itself.
// Run as a child process: prints `listening <port>` once it accepts connections.
import http from "node:http";
import type { AddressInfo } from "node:net";

const BODY = JSON.stringify({
  decision: "allow",
  decisionId: "dec_00000000000000000000000000000000",
  reason: { code: "ALLOWED_BY_GRANT", message: "A grant of this agent allows this action." },
  grantId: "grt_00000000000000000000000000000000",
  approval: null,
  quotas: [{ metric: "calls", window: "day", used: 1, limit: 1000000000 }],
});
const LENGTH = Buffer.byteLength(BODY);

const server = http.createServer((req, res) => {
  req.on("data", () => undefined);
  req.on("end", () => {
    res.writeHead(200, { "content-type": "application/json; charset=utf-8", "content-length": LENGTH });
    res.end(BODY);
  });
});
server.keepAliveTimeout = 65_000;
server.listen(Number(process.env.PORT ?? 0), "127.0.0.1", () => {
  console.log(`listening ${(server.address() as AddressInfo).port}`);
});
process.on("SIGTERM", () => process.exit(0));
process.on("SIGINT", () => process.exit(0));
