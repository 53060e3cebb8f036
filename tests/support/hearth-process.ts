import { type ChildProcess, spawn } from "node:child_process";
import { freePort } from "./free-port.ts";

/** A Hearth server running as its own process (`node --import tsx server/main.ts`), as in production. */
export interface HearthProcess {
  port: number;
  pid: number;
  /** http://127.0.0.1:<port> */
  httpUrl: string;
  /** ws://127.0.0.1:<port> */
  wsUrl: string;
  /** Everything the process printed so far (for failure messages). */
  output(): string;
  /** Sends `signal` (SIGTERM: graceful; SIGKILL: a crash) and resolves once it has exited. */
  stop(signal?: NodeJS.Signals): Promise<void>;
  exited: Promise<number | null>;
}

const OUTPUT_LIMIT = 200_000;

async function healthy(httpUrl: string): Promise<boolean> {
  try {
    const response = await fetch(`${httpUrl}/api/health`, { signal: AbortSignal.timeout(1000) });
    return response.ok;
  } catch {
    return false;
  }
}

/**
 * Starts Hearth on 127.0.0.1 (a free port unless PORT is given) with `env` on top of this
 * process's environment, and resolves once /api/health answers.
 */
export async function startHearthProcess(env: Record<string, string> = {}, timeoutMs = 60_000): Promise<HearthProcess> {
  const port = env.PORT ? Number(env.PORT) : await freePort();
  const child: ChildProcess = spawn(process.execPath, ["--import", "tsx", "server/main.ts"], {
    env: { ...process.env, LOG_LEVEL: "warn", HOST: "127.0.0.1", CLIENT_DIR: "nonexistent", ...env, PORT: String(port) },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  const collect = (chunk: Buffer) => {
    output += chunk.toString();
    if (output.length > OUTPUT_LIMIT) output = output.slice(-OUTPUT_LIMIT);
  };
  child.stdout?.on("data", collect);
  child.stderr?.on("data", collect);
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  const killOnExit = () => child.kill("SIGKILL");
  process.once("exit", killOnExit);
  const httpUrl = `http://127.0.0.1:${port}`;

  const stop = async (signal: NodeJS.Signals = "SIGTERM") => {
    process.removeListener("exit", killOnExit);
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill(signal);
    const force = setTimeout(() => child.kill("SIGKILL"), 10_000);
    await exited;
    clearTimeout(force);
  };

  const deadline = Date.now() + timeoutMs;
  while (!(await healthy(httpUrl))) {
    if (child.exitCode !== null || Date.now() > deadline) {
      await stop("SIGKILL");
      throw new Error(`Hearth did not start on port ${port}. Its output:\n${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return { port, pid: child.pid ?? -1, httpUrl, wsUrl: `ws://127.0.0.1:${port}`, output: () => output, stop, exited };
}
