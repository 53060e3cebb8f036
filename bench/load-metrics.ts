/**
 * What a benchmarked server reports to bench/load.ts over the IPC channel: event-loop delay
 * (perf_hooks.monitorEventLoopDelay) since the last "reset", on "report". CPU is read from
 * /proc by the parent, so the server does not measure itself.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { Session } from "node:inspector/promises";
import { monitorEventLoopDelay } from "node:perf_hooks";

export interface LoopReport {
  type: "report";
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  rssMiB: number;
  /** Rooms and clients this process holds (Colyseus' local stats), where the server says. */
  rooms?: number;
  clients?: number;
}

export type ServerSignal = { type: "ready"; port: number } | { type: "reset" } | LoopReport;

const RESOLUTION_MS = 10;

export interface LoopOptions {
  /** Rooms and clients held here: shows which process of several holds which circles. */
  counts?: () => { rooms: number; clients: number };
  /** Before "exit" ends the process: a server sharing Redis takes its rooms out of it. */
  beforeExit?: () => Promise<unknown>;
}

/** Answers "reset", "report" and "exit" from the parent; tells it "ready" with the port. */
export function serveLoopMetrics(port: number, options: LoopOptions = {}): void {
  // The histogram records the whole interval between samples: the delay is what exceeds the resolution.
  const delay = monitorEventLoopDelay({ resolution: RESOLUTION_MS });
  const lag = (ns: number) => Math.max(0, ns / 1e6 - RESOLUTION_MS);
  delay.enable();
  const send = (signal: ServerSignal) => process.send?.(signal);
  // With LOAD_PROFILE_DIR, a V8 CPU profile of the measured window only (not start-up and joins).
  const profileDir = process.env.LOAD_PROFILE_DIR;
  const profiler = profileDir ? new Session() : undefined;
  profiler?.connect();
  process.on("message", async (message) => {
    if (message === "reset") {
      await profiler?.post("Profiler.enable");
      await profiler?.post("Profiler.start");
      delay.reset();
      send({ type: "reset" });
    } else if (message === "exit") {
      await options.beforeExit?.().catch(() => {});
      process.exit(0); // lets --cpu-prof write its profile
    } else if (message === "report") {
      if (profiler && profileDir) {
        const { profile } = await profiler.post("Profiler.stop");
        mkdirSync(profileDir, { recursive: true });
        writeFileSync(`${profileDir}/${process.argv[1]?.replace(/.*\//, "").replace(/\.ts$/, "")}-${process.pid}.cpuprofile`, JSON.stringify(profile));
      }
      send({
        type: "report",
        p50Ms: lag(delay.percentile(50)),
        p99Ms: lag(delay.percentile(99)),
        maxMs: lag(delay.max),
        rssMiB: process.memoryUsage().rss / 2 ** 20,
        ...options.counts?.(),
      });
    }
  });
  // The parent going away ends the benchmark: do not linger.
  process.on("disconnect", () => process.exit(0));
  send({ type: "ready", port });
}
