/**
 * Load benchmark: N participants in circles of 12, each sending head and hands, against ONE
 * server process pinned to one core; then the same harness against two simple peers: a batched
 * binary `ws` relay of the same 31-byte frames at the same 20 Hz (bench/binary-relay.ts, the
 * strongest simple peer) and a forwarding JSON relay (networked-aframe-style poses at 15 Hz,
 * bench/json-relay.ts). Prints server CPU, event-loop delay, bytes per participant per second,
 * pose latency sender → receivers (p50/p99), and the ratios.
 *
 *   npm run bench:load -- [--participants 600] [--seconds 20] [--warmup 5] [--rounds 3] [--bot-procs K] [--side all|hearth|binary|json] [--no-scale]
 *
 * Each round measures every side back to back (in alternating order), and the CPU ratios reported
 * are the medians of the rounds' ratios: a shared machine's speed drifts by more than the
 * difference being measured, so only paired figures compare fairly.
 *
 * Loopback only. The bots run in separate processes pinned to the other cores, so the server's
 * core is measured alone. When the bots cannot generate the load on this machine (they fall
 * short of their send rate), the run is repeated once with fewer participants (unless --no-scale).
 */
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import os from "node:os";
import { parseArgs } from "node:util";
import type { BotsCommand, BotsConfig, BotsReport, BotsSignal, Mode } from "./load-bots.ts";
import type { LoopReport, ServerSignal } from "./load-metrics.ts";
import { machineDetails, percentile } from "./machine.ts";

const { values } = parseArgs({
  options: {
    participants: { type: "string", default: "600" },
    "circle-size": { type: "string", default: "12" },
    seconds: { type: "string", default: "20" },
    rounds: { type: "string", default: "3" },
    warmup: { type: "string", default: "5" },
    "bot-procs": { type: "string" },
    /** all (Hearth and both relays), or one of hearth, binary, json. */
    side: { type: "string", default: "all" },
    "no-scale": { type: "boolean", default: false },
    /**
     * Writes a V8 CPU profile of each server's measured window to bench-results/ (open it in Chrome's
     * DevTools). V8 samples from a thread of its own, which on a pinned core only runs while the
     * server idles: so a profiled server is not pinned, and its figures are not the benchmark's.
     */
    profile: { type: "boolean", default: false },
    /** Cost shape: Hearth and the batched binary relay with circles of 4, 8, 12 and 16 at the same total. */
    shape: { type: "boolean", default: false },
  },
});

const CIRCLE_SIZE = Number(values["circle-size"]);
const CIRCLE = CIRCLE_SIZE;
const WINDOW_S = Number(values.seconds);
const WARMUP_S = Number(values.warmup);
const HZ: Record<Mode, number> = { hearth: 20, binary: 20, json: 15 };
const SERVER_SCRIPT: Record<Mode, string> = { hearth: "bench/load-server.ts", binary: "bench/binary-relay.ts", json: "bench/json-relay.ts" };
const LABEL: Record<Mode, string> = { hearth: "Hearth (Colyseus + codec)", binary: "batched binary relay (ws)", json: "forwarding JSON relay (ws)" };
/** Below this share of the intended send rate the bots, not the server, were the limit. */
const SATURATED = 0.93;
const cores = os.cpus().length;
const taskset = hasTaskset();
const botProcs = Math.max(1, Number(values["bot-procs"] ?? Math.max(1, Math.min(8, cores - 1))));
const CLK_TCK = clockTicks();

function hasTaskset(): boolean {
  try {
    execFileSync("taskset", ["-c", "0", "true"], { stdio: "ignore" });
    return cores >= 2;
  } catch {
    return false;
  }
}

function clockTicks(): number {
  try {
    return Number(execFileSync("getconf", ["CLK_TCK"]).toString().trim()) || 100;
  } catch {
    return 100;
  }
}

/** User and system CPU time of a process, in seconds (utime and stime from /proc/<pid>/stat). */
function cpuSecondsOf(pid: number): { user: number; system: number } {
  const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return { user: Number(fields[11]) / CLK_TCK, system: Number(fields[12]) / CLK_TCK };
}

/** Both servers run with the V8 flags `npm start` gives Hearth (see the README's Deployment). */
const SERVER_NODE_FLAGS = ["--max-semi-space-size=32"];

/** Spawns `node --import tsx script` pinned to `cpus` (when taskset is there), with an IPC channel. */
function spawnPinned(script: string, args: string[], cpus: string, nodeFlags: string[] = []): ChildProcess {
  const node = [process.execPath, ...nodeFlags, "--import", "tsx", script, ...args];
  const [command, ...rest] = taskset ? ["taskset", "-c", cpus, ...node] : node;
  const env = { ...process.env, LOG_LEVEL: "warn", NODE_ENV: "production", ...(values.profile ? { LOAD_PROFILE_DIR: "bench-results" } : {}) };
  return spawn(command!, rest, { stdio: ["ignore", "inherit", "inherit", "ipc"], env });
}

function nextMessage<T>(child: ChildProcess, accept: (message: T) => boolean, what: string, timeoutMs = 120_000): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => done(new Error(`Timed out waiting for ${what}.`)), timeoutMs);
    const onMessage = (message: T) => {
      if ((message as { type?: string }).type === "failed") done(new Error(`${what}: ${(message as unknown as { error: string }).error}`));
      else if (accept(message)) done(undefined, message);
    };
    const onExit = (code: number | null) => done(new Error(`A child exited (${code}) while waiting for ${what}.`));
    function done(error?: Error, message?: T) {
      clearTimeout(timer);
      child.off("message", onMessage);
      child.off("exit", onExit);
      if (error) reject(error);
      else resolve(message!);
    }
    child.on("message", onMessage);
    child.on("exit", onExit);
  });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface SideResult {
  mode: Mode;
  participants: number;
  hz: number;
  serverCpuS: number;
  /** The kernel's share of it (stime): on loopback mostly TCP for every frame sent. */
  serverSystemS: number;
  loop: LoopReport;
  bots: BotsReport;
  botCpuShare: number;
  sendShare: number;
}

async function runSide(mode: Mode, participants: number, CIRCLE = CIRCLE_SIZE): Promise<SideResult> {
  const circles = Math.ceil(participants / CIRCLE);
  const serverScript = SERVER_SCRIPT[mode];
  const serverCpus = values.profile ? `0-${cores - 1}` : "0";
  const server = spawnPinned(serverScript, ["--circles", String(circles), "--capacity", String(CIRCLE)], serverCpus, SERVER_NODE_FLAGS);
  const children: ChildProcess[] = [server];
  try {
    const ready = await nextMessage<ServerSignal>(server, (m) => m.type === "ready", `the ${mode} server to start`);
    const port = (ready as { port: number }).port;
    const procs = Math.min(botProcs, circles);
    const botCpus = taskset ? (cores > 2 ? `1-${cores - 1}` : "1") : "";
    const bots = Array.from({ length: procs }, () => spawnPinned("bench/load-bots.ts", [], botCpus));
    children.push(...bots);
    const send = (child: ChildProcess, command: BotsCommand) => child.send(command);
    bots.forEach((bot, i) => {
      const config: BotsConfig = {
        mode,
        url: `ws://127.0.0.1:${port}`,
        circles: Array.from({ length: circles }, (_, c) => c).filter((c) => c % procs === i),
        perCircle: CIRCLE,
        capacity: CIRCLE,
        hz: HZ[mode],
      };
      send(bot, { type: "start", config });
    });
    const joinedAt = performance.now();
    await Promise.all(bots.map((bot) => nextMessage<BotsSignal>(bot, (m) => m.type === "joined", `${mode} bots to join`, 300_000)));
    console.log(`  ${mode}: ${circles * CIRCLE} participants seated in ${((performance.now() - joinedAt) / 1000).toFixed(1)} s; warming up ${WARMUP_S} s, measuring ${WINDOW_S} s`);
    for (const bot of bots) send(bot, { type: "go" });
    await sleep(WARMUP_S * 1000);

    server.send("reset");
    await nextMessage<ServerSignal>(server, (m) => m.type === "reset", "the server's reset");
    const cpuStart = cpuSecondsOf(server.pid!);
    for (const bot of bots) send(bot, { type: "window-start" });
    const started = performance.now();
    await sleep(WINDOW_S * 1000);
    const reports = Promise.all(bots.map((bot) => nextMessage<BotsSignal>(bot, (m) => m.type === "report", `${mode} bot reports`)));
    for (const bot of bots) send(bot, { type: "window-end" });
    const cpuEnd = cpuSecondsOf(server.pid!);
    const seconds = (performance.now() - started) / 1000;
    server.send("report");
    const loop = (await nextMessage<ServerSignal>(server, (m) => m.type === "report", "the server's report")) as LoopReport;
    const botReports = (await reports) as BotsReport[];
    const merged: BotsReport = {
      type: "report",
      bots: 0,
      seconds,
      sent: 0,
      bytesSent: 0,
      bytesReceived: 0,
      messagesReceived: 0,
      deliveries: 0,
      latenciesMs: [],
      cpuSeconds: 0,
    };
    for (const r of botReports) {
      merged.bots += r.bots;
      merged.sent += r.sent;
      merged.bytesSent += r.bytesSent;
      merged.bytesReceived += r.bytesReceived;
      merged.messagesReceived += r.messagesReceived;
      merged.deliveries += r.deliveries;
      merged.cpuSeconds += r.cpuSeconds;
      for (const l of r.latenciesMs) merged.latenciesMs.push(l);
    }
    for (const bot of bots) send(bot, { type: "stop" });
    const botCores = taskset ? Math.max(1, cores - 1) : cores;
    return {
      mode,
      participants: merged.bots,
      hz: HZ[mode],
      serverCpuS: cpuEnd.user + cpuEnd.system - cpuStart.user - cpuStart.system,
      serverSystemS: cpuEnd.system - cpuStart.system,
      loop,
      bots: merged,
      botCpuShare: merged.cpuSeconds / (seconds * botCores),
      sendShare: merged.sent / (merged.bots * HZ[mode] * seconds),
    };
  } finally {
    if (server.connected) server.send("exit");
    await sleep(600);
    for (const child of children) if (child.exitCode === null) child.kill("SIGKILL");
  }
}

const fmt = (n: number, digits = 1) => (Number.isFinite(n) ? n.toFixed(digits) : "–");
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} kB`;

function describe(r: SideResult): Record<string, string> {
  const s = r.bots.seconds;
  const lat = r.bots.latenciesMs;
  return {
    participants: String(r.participants),
    "poses/s sent (target)": `${fmt(r.bots.sent / s, 0)} (${r.participants * r.hz})`,
    "server CPU (one core), of it kernel": `${fmt((100 * r.serverCpuS) / s)} %, ${fmt((100 * r.serverSystemS) / s)} %`,
    "event-loop delay p50 / p99 / max": `${fmt(r.loop.p50Ms)} / ${fmt(r.loop.p99Ms)} / ${fmt(r.loop.maxMs)} ms`,
    "bytes/participant/s down (up)": `${kb(r.bots.bytesReceived / r.participants / s)} (${kb(r.bots.bytesSent / r.participants / s)})`,
    "messages/participant/s down": fmt(r.bots.messagesReceived / r.participants / s),
    "pose updates delivered/s": fmt(r.bots.deliveries / s, 0),
    "bytes per delivered pose": fmt(r.bots.bytesReceived / r.bots.deliveries, 1),
    "server CPU µs per delivered pose": fmt((r.serverCpuS * 1e6) / r.bots.deliveries, 2),
    "pose latency p50 / p99": `${fmt(percentile(lat, 50))} / ${fmt(percentile(lat, 99))} ms (${lat.length} samples)`,
    "server RSS": `${fmt(r.loop.rssMiB, 0)} MiB`,
    "bot CPU (share of their cores)": `${fmt(100 * r.botCpuShare)} %`,
  };
}

function saturated(r: SideResult): boolean {
  return r.sendShare < SATURATED;
}

async function main(): Promise<void> {
  let participants = Math.max(CIRCLE, Math.round(Number(values.participants) / CIRCLE) * CIRCLE);
  const sides: Mode[] = values.side === "all" || values.side === "both" ? ["hearth", "binary", "json"] : [values.side as Mode];
  console.log(`Hearth load benchmark — ${machineDetails()}`);
  console.log(
    taskset
      ? `Server pinned to CPU 0 (taskset); ${botProcs} bot process(es) pinned to CPU ${cores > 2 ? `1-${cores - 1}` : "1"}.`
      : "taskset unavailable or a single core: server and bots share the CPU, so the server's figures include their competition.",
  );
  if (values.profile) console.log("Profiling: the server is not pinned (see --profile), so its CPU figures here are not comparable.");
  console.log(`Circles of ${CIRCLE}; Hearth bots send head+hands at ${HZ.hearth} Hz (31-byte codec frames); JSON bots send networked-aframe-style JSON at ${HZ.json} Hz.`);

  let results: SideResult[] = [];
  for (let attempt = 0; attempt < 2; attempt++) {
    results = [];
    console.log(`\nRound 1 with ${participants} participants (${participants / CIRCLE} circles):`);
    for (const mode of sides) results.push(await runSide(mode, participants));
    const short = results.filter(saturated);
    if (short.length === 0 || values["no-scale"] || attempt === 1) break;
    const share = Math.min(...short.map((r) => r.sendShare));
    const scaled = Math.max(CIRCLE, Math.floor((participants * share * 0.9) / CIRCLE) * CIRCLE);
    console.log(
      `The bots reached only ${fmt(100 * share, 0)} % of their send rate (${short.map((r) => r.mode).join(", ")}): this machine cannot generate that load next to the server. ` +
        `Repeating with ${scaled} participants.`,
    );
    if (scaled >= participants) break;
    participants = scaled;
  }

  const rounds = [results];
  for (let round = 2; round <= Math.max(1, Number(values.rounds)); round++) {
    console.log(`Round ${round}:`);
    const order = round % 2 === 0 ? [...sides].reverse() : sides;
    const these: SideResult[] = [];
    for (const mode of order) these.push(await runSide(mode, participants));
    rounds.push(sides.map((mode) => these.find((r) => r.mode === mode)!));
  }
  const cpuPerDelivery = (r: SideResult) => r.serverCpuS / r.bots.deliveries;
  // The table shows each side's median round (by server CPU per delivered pose).
  results = sides.map((_mode, i) => medianBy(rounds.map((round) => round[i]!), cpuPerDelivery));

  const rows = results.map(describe);
  const keys = Object.keys(rows[0]!);
  const width = Math.max(...keys.map((k) => k.length));
  console.log(`\n${"".padEnd(width)} | ${results.map((r) => LABEL[r.mode].padEnd(26)).join(" | ")}`);
  for (const key of keys) console.log(`${key.padEnd(width)} | ${rows.map((row) => row[key]!.padEnd(26)).join(" | ")}`);
  for (const r of results) {
    if (saturated(r)) console.log(`Note: ${r.mode} bots sent only ${fmt(100 * r.sendShare, 0)} % of their intended rate: the figures for that side are bounded by the load generator.`);
  }

  const hearth = results.find((r) => r.mode === "hearth");
  const json = results.find((r) => r.mode === "json");
  if (hearth) {
    const lat = hearth.bots.latenciesMs;
    const ok = (pass: boolean) => (pass ? "met" : "NOT met");
    console.log(`\nHearth targets at ${hearth.participants} participants on one core: event-loop delay p99 < 50 ms: ${ok(hearth.loop.p99Ms < 50)} (${fmt(hearth.loop.p99Ms)} ms), max < 150 ms: ${ok(hearth.loop.maxMs < 150)} (${fmt(hearth.loop.maxMs)} ms); pose latency p99 < 150 ms: ${ok(percentile(lat, 99) < 150)} (${fmt(percentile(lat, 99))} ms).`);
    if (hearth.participants < 1000) console.log("(The targets are for 1,000 participants on one core: --participants 1000.)");
  }
  if (hearth) {
    for (const other of results.filter((r) => r.mode !== "hearth")) {
      const i = sides.indexOf(other.mode);
      const h = sides.indexOf("hearth");
      const ratios = rounds.map((round) => cpuPerDelivery(round[i]!) / cpuPerDelivery(round[h]!));
      const cpuRatio = medianBy(ratios, (r) => r);
      const bytesRatio = other.bots.bytesReceived / other.bots.deliveries / (hearth.bots.bytesReceived / hearth.bots.deliveries);
      const latencyGap = percentile(hearth.bots.latenciesMs, 50) - percentile(other.bots.latenciesMs, 50);
      console.log(
        `${LABEL[other.mode]} ÷ Hearth: server CPU per delivered pose ${fmt(cpuRatio, 2)}× (median of ${ratios.length} paired round(s): ${ratios.map((r) => `${fmt(r, 2)}×`).join(", ")}; ≥ 1× means Hearth costs no more), ` +
          `bytes per delivered pose ${fmt(bytesRatio, 2)}×; Hearth's pose latency p50 is ${fmt(latencyGap)} ms above it.`,
      );
    }
    if (json) console.log(`Target: Hearth's p50 ≤ 15 ms above the forwarding relay's: ${percentile(hearth.bots.latenciesMs, 50) - percentile(json.bots.latenciesMs, 50) <= 15 ? "met" : "NOT met"}.`);
  }
  console.log(
    "\nHow it is measured: server CPU = utime+stime from /proc/<pid>/stat over the window; event-loop delay from perf_hooks.monitorEventLoopDelay in the server; bytes = WebSocket payload bytes the bots received (all of them, including Colyseus' framing and other state); " +
      "a delivered pose = one sender's pose reaching one receiver, counted by every receiver (Hearth and the binary relay: the entries of each batch; JSON: every message); " +
      "latency = from the sender's send() to one observer per circle seeing that exact pose (the head's x names the tick); the binary relay's includes waiting for its 50 ms batch.",
  );
}

function medianBy<T>(items: T[], key: (item: T) => number): T {
  const sorted = [...items].sort((a, b) => key(a) - key(b));
  return sorted[Math.floor((sorted.length - 1) / 2)]!;
}

/** --shape: CPU per delivered pose and per message as circles grow, the total held. */
async function shape(): Promise<void> {
  const total = Number(values.participants);
  console.log(`Hearth load benchmark, cost shape — ${machineDetails()}\nAbout ${total} participants in circles of 4, 8, 12 and 16 (one round each).`);
  const rows: string[] = [];
  for (const size of [4, 8, 12, 16]) {
    const participants = Math.max(size, Math.round(total / size) * size);
    for (const mode of ["hearth", "binary"] as const) {
      const r = await runSide(mode, participants, size);
      const us = (n: number) => fmt((r.serverCpuS * 1e6) / n, 2);
      rows.push(
        `${String(size).padStart(6)} | ${LABEL[r.mode].padEnd(26)} | ${String(r.participants).padStart(12)} | ${us(r.bots.deliveries).padStart(20)} | ${us(r.bots.messagesReceived).padStart(22)} | ${fmt((100 * r.serverCpuS) / r.bots.seconds).padStart(6)} %`,
      );
    }
  }
  console.log("\ncircle | server                     | participants | CPU µs/delivered pose | CPU µs/message received | server CPU");
  for (const row of rows) console.log(row);
}

if (values.shape) await shape();
else await main();
