// The servers under test run as child processes, each with its own event loop and heap, so the
// load generator in this process measures them as a client would.
import { spawn, type ChildProcess } from "node:child_process";
import net from "node:net";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

export type ChildServer = { name: string; url: string; child: ChildProcess; stop: () => Promise<void> };

/** A port nobody listens on right now (the child binds it a moment later). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

/**
 * Start `node [nodeArgs] --import tsx <script>` and wait until it prints a line matching `ready`
 * (whose first group, if any, is the port). Its other output is kept and shown if it fails.
 */
export async function startChildServer(options: {
  name: string;
  script: string;
  port: number;
  ready: RegExp;
  env?: Record<string, string>;
  nodeArgs?: string[];
  timeoutMs?: number;
}): Promise<ChildServer> {
  const child = spawn(
    process.execPath,
    [...(options.nodeArgs ?? []), "--import", import.meta.resolve("tsx"), path.join(ROOT, options.script)],
    {
      cwd: ROOT,
      env: {
        ...process.env,
        TSX_TSCONFIG_PATH: path.join(ROOT, "tsconfig.json"),
        NODE_ENV: "production",
        PORT: String(options.port),
        HOST: "127.0.0.1",
        ...options.env,
      },
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  let output = "";
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`${options.name} did not start within ${options.timeoutMs ?? 30_000} ms:\n${output}`));
    }, options.timeoutMs ?? 30_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = options.ready.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(`http://127.0.0.1:${match[1] ?? options.port}`);
      }
    };
    child.stdout.on("data", onData);
    child.stderr.on("data", onData);
    child.once("exit", (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`${options.name} exited (${signal ?? code}) before it was ready:\n${output}`));
    });
  });
  // From here on only errors are interesting; keep reading so that the pipes never fill up.
  child.stdout.removeAllListeners("data");
  child.stdout.resume();
  child.stderr.removeAllListeners("data");
  child.stderr.on("data", (chunk: Buffer) => process.stderr.write(`[${options.name}] ${chunk.toString()}`));
  return {
    name: options.name,
    url,
    child,
    stop: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill("SIGTERM");
      const killer = setTimeout(() => child.kill("SIGKILL"), 10_000);
      await exited;
      clearTimeout(killer);
    },
  };
}
