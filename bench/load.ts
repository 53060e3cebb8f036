/**
 * Load benchmark: N participants in circles of 12, each sending head and hands, against ONE
 * server process pinned to one core; then the same harness against two simple peers: a batched
 * binary `ws` relay of the same 31-byte frames at the same 20 Hz (bench/binary-relay.ts, the
 * strongest simple peer) and a forwarding JSON relay (networked-aframe-style poses at 15 Hz,
 * bench/json-relay.ts). Prints server CPU, event-loop delay, bytes per participant per second,
 * pose latency sender → receivers (p50/p99), and the ratios.
 *
 *   npm run bench:load -- [--participants 600] [--seconds 20] [--warmup 5] [--rounds 3] [--bot-procs K] [--side all|hearth|binary|json] [--no-scale]
 *   npm run bench:load -- --processes 2 [--participants 600 …]   # Hearth on two processes behind one Redis
 *   npm run bench:load -- --soak 10 --participants 600            # the real server's RSS over 10 minutes
 *
 * --processes N: N Hearth processes share rooms through Redis (REDIS_URL, else a redis-server of
 * its own on a free loopback port), as server/scale.ts deploys them; circle c lives on process
 * c % N, whose port its bots use. The table adds each process's rooms, CPU and deliveries.
 *
 * --soak M: the real server (server/main.ts with its PGlite store in a temporary DATA_DIR,
 * VOICE=off) under the load for M minutes; its RSS is sampled every 10 s, and the last --seconds
 * are measured as usual. Bots get seats as people do, through the HTTP API: a host makes the
 * circles, each with a session in progress, and every bot registers for one.
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
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { MAX_PENDING_RESERVATIONS_PER_ADDRESS } from "../shared/limits.ts";
import { newParticipantKey } from "../shared/participant-key.ts";
import { freePort } from "../tests/support/free-port.ts";
import { startTestRedis } from "../tests/support/redis.ts";
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
    /** Hearth only: this many load-server processes behind one Redis, circle c on process c % N. */
    processes: { type: "string", default: "1" },
    /** Minutes under load for the real server (server/main.ts with its store), its RSS sampled every 10 s. */
    soak: { type: "string" },
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
const PROCESSES = Math.max(1, Number(values.processes));
const place = placement(PROCESSES);
const botProcs = Math.max(1, Number(values["bot-procs"] ?? Math.max(1, Math.min(8, cores - PROCESSES))));
const CLK_TCK = clockTicks();

/**
 * Which cores the servers and the bots are pinned to: each server a core of its own, the bots the
 * rest. With no core left for the bots (two processes on two cores) everything shares the cores,
 * and a server's figures include the bots' competition.
 */
function placement(processes: number): { server: (i: number) => string; bots: string; botCores: number; shared: boolean } {
  const all = `0-${cores - 1}`;
  const shared = !taskset || cores <= processes;
  return {
    server: (i) => (values.profile ? all : String(i % cores)),
    bots: shared ? all : processes === cores - 1 ? String(processes) : `${processes}-${cores - 1}`,
    botCores: shared ? cores : cores - processes,
    shared,
  };
}

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
function spawnPinned(script: string, args: string[], cpus: string, nodeFlags: string[] = [], extraEnv: NodeJS.ProcessEnv = {}): ChildProcess {
  // The flags after tsx's loader, so that a flag may --import a .ts file (the soak's probe).
  const node = [process.execPath, "--import", "tsx", ...nodeFlags, script, ...args];
  const [command, ...rest] = taskset ? ["taskset", "-c", cpus, ...node] : node;
  const env = { ...process.env, LOG_LEVEL: "warn", NODE_ENV: "production", ...(values.profile ? { LOAD_PROFILE_DIR: "bench-results" } : {}), ...extraEnv };
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
  /** All server processes together. */
  serverCpuS: number;
  /** The kernel's share of it (stime): on loopback mostly TCP for every frame sent. */
  serverSystemS: number;
  /** The worst event-loop delays of the processes, and their summed RSS. */
  loop: LoopReport;
  /** Each server process (one unless --processes). */
  perProcess: { cpuS: number; loop: LoopReport; deliveries: number }[];
  bots: BotsReport;
  botCpuShare: number;
  sendShare: number;
}

const send = (child: ChildProcess, command: BotsCommand) => child.send(command);

/** One server, or (with `redisUrl`) PROCESSES Hearth processes sharing rooms through that Redis. */
async function startServers(mode: Mode, circles: number, capacity: number, children: ChildProcess[], redisUrl?: string): Promise<{ child: ChildProcess; port: number }[]> {
  const args = ["--circles", String(circles), "--capacity", String(capacity)];
  const count = redisUrl ? PROCESSES : 1;
  // Fixed ports with Redis: each process's public address, derived from its port, must be right.
  const ports: number[] = [];
  while (redisUrl && ports.length < count) {
    const port = await freePort();
    if (!ports.includes(port)) ports.push(port);
  }
  const servers = Array.from({ length: count }, (_, i) => {
    const scale = redisUrl ? ["--redis", redisUrl, "--port", String(ports[i]), "--index", String(i), "--processes", String(count)] : [];
    const child = spawnPinned(SERVER_SCRIPT[mode], [...args, ...scale], place.server(i), SERVER_NODE_FLAGS);
    children.push(child);
    return child;
  });
  return Promise.all(
    servers.map(async (child) => {
      const ready = await nextMessage<ServerSignal>(child, (m) => m.type === "ready", `the ${mode} server to start`);
      return { child, port: (ready as { port: number }).port };
    }),
  );
}

/** Bot processes (circles dealt out among them) started and seated; circle c joins urls[c % urls.length]. */
async function startBots(mode: Mode, urls: string[], circles: number, perCircle: number, children: ChildProcess[], extra: Partial<BotsConfig> = {}): Promise<ChildProcess[]> {
  const procs = Math.min(botProcs, circles);
  const bots = Array.from({ length: procs }, () => spawnPinned("bench/load-bots.ts", [], place.bots));
  children.push(...bots);
  bots.forEach((bot, i) => {
    const config: BotsConfig = {
      mode,
      urls,
      circles: Array.from({ length: circles }, (_, c) => c).filter((c) => c % procs === i),
      perCircle,
      capacity: perCircle,
      hz: HZ[mode],
      ...extra,
    };
    send(bot, { type: "start", config });
  });
  const joinedAt = performance.now();
  await Promise.all(bots.map((bot) => nextMessage<BotsSignal>(bot, (m) => m.type === "joined", `${mode} bots to join`, 300_000)));
  console.log(`  ${mode}: ${circles * perCircle} participants seated in ${((performance.now() - joinedAt) / 1000).toFixed(1)} s`);
  return bots;
}

/** One measured window of `seconds`: server CPU from /proc, the servers' event loops, the bots' counts. */
async function measureWindow(mode: Mode, servers: ChildProcess[], bots: ChildProcess[], seconds: number): Promise<SideResult> {
  for (const server of servers) server.send("reset");
  await Promise.all(servers.map((server) => nextMessage<ServerSignal>(server, (m) => m.type === "reset", "the server's reset")));
  const cpuStart = servers.map((server) => cpuSecondsOf(server.pid!));
  for (const bot of bots) send(bot, { type: "window-start" });
  const started = performance.now();
  await sleep(seconds * 1000);
  const reports = Promise.all(bots.map((bot) => nextMessage<BotsSignal>(bot, (m) => m.type === "report", `${mode} bot reports`)));
  for (const bot of bots) send(bot, { type: "window-end" });
  const cpuEnd = servers.map((server) => cpuSecondsOf(server.pid!));
  const measured = (performance.now() - started) / 1000;
  const loops = await Promise.all(
    servers.map((server) => {
      const report = nextMessage<ServerSignal>(server, (m) => m.type === "report", "the server's report");
      server.send("report");
      return report as Promise<LoopReport>;
    }),
  );
  const botReports = (await reports) as BotsReport[];
  const merged: BotsReport = {
    type: "report",
    bots: 0,
    seconds: measured,
    sent: 0,
    bytesSent: 0,
    bytesReceived: 0,
    messagesReceived: 0,
    deliveries: 0,
    deliveriesByServer: [],
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
    r.deliveriesByServer.forEach((n, i) => (merged.deliveriesByServer[i] = (merged.deliveriesByServer[i] ?? 0) + (n ?? 0)));
    for (const l of r.latenciesMs) merged.latenciesMs.push(l);
  }
  const cpu = (i: number) => cpuEnd[i]!.user + cpuEnd[i]!.system - cpuStart[i]!.user - cpuStart[i]!.system;
  const perProcess = loops.map((loop, i) => ({ cpuS: cpu(i), loop, deliveries: merged.deliveriesByServer[i] ?? 0 }));
  return {
    mode,
    participants: merged.bots,
    hz: HZ[mode],
    serverCpuS: perProcess.reduce((sum, p) => sum + p.cpuS, 0),
    serverSystemS: cpuEnd.reduce((sum, end, i) => sum + end.system - cpuStart[i]!.system, 0),
    loop: {
      type: "report",
      p50Ms: Math.max(...loops.map((l) => l.p50Ms)),
      p99Ms: Math.max(...loops.map((l) => l.p99Ms)),
      maxMs: Math.max(...loops.map((l) => l.maxMs)),
      rssMiB: loops.reduce((sum, l) => sum + l.rssMiB, 0),
    },
    perProcess,
    bots: merged,
    botCpuShare: merged.cpuSeconds / (measured * place.botCores),
    sendShare: merged.sent / (merged.bots * HZ[mode] * measured),
  };
}

async function runSide(mode: Mode, participants: number, CIRCLE = CIRCLE_SIZE): Promise<SideResult> {
  const circles = Math.ceil(participants / CIRCLE);
  const children: ChildProcess[] = [];
  // A Redis of its own for every run: rooms of the last run's processes are not left in it.
  const redis = PROCESSES > 1 && !process.env.REDIS_URL ? await startTestRedis() : undefined;
  try {
    const redisUrl = PROCESSES > 1 ? (process.env.REDIS_URL ?? redis!.url) : undefined;
    const servers = await startServers(mode, circles, CIRCLE, children, redisUrl);
    const bots = await startBots(mode, servers.map((s) => `ws://127.0.0.1:${s.port}`), circles, CIRCLE, children);
    console.log(`  ${mode}: warming up ${WARMUP_S} s, measuring ${WINDOW_S} s`);
    for (const bot of bots) send(bot, { type: "go" });
    await sleep(WARMUP_S * 1000);
    const result = await measureWindow(mode, servers.map((s) => s.child), bots, WINDOW_S);
    for (const bot of bots) send(bot, { type: "stop" });
    return result;
  } finally {
    await stopAll(children);
    await redis?.stop();
  }
}

/** Asks the servers to exit (bots stop on their own), then kills whatever is left. */
async function stopAll(children: ChildProcess[]): Promise<void> {
  for (const child of children) if (child.connected) child.send("exit");
  // A server on a shared Redis first takes its rooms out of it: give it a moment to.
  const deadline = Date.now() + (PROCESSES > 1 ? 5000 : 600);
  while (children.some((c) => c.exitCode === null && c.signalCode === null) && Date.now() < deadline) await sleep(100);
  for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
}

const fmt = (n: number, digits = 1) => (Number.isFinite(n) ? n.toFixed(digits) : "–");
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} kB`;

function describe(r: SideResult): Record<string, string> {
  const s = r.bots.seconds;
  const lat = r.bots.latenciesMs;
  const several = r.perProcess.length > 1;
  return {
    participants: String(r.participants),
    "poses/s sent (target)": `${fmt(r.bots.sent / s, 0)} (${r.participants * r.hz})`,
    [several ? `server CPU (sum of ${r.perProcess.length} processes), of it kernel` : "server CPU (one core), of it kernel"]: `${fmt((100 * r.serverCpuS) / s)} %, ${fmt((100 * r.serverSystemS) / s)} %`,
    "event-loop delay p50 / p99 / max": `${fmt(r.loop.p50Ms)} / ${fmt(r.loop.p99Ms)} / ${fmt(r.loop.maxMs)} ms`,
    "bytes/participant/s down (up)": `${kb(r.bots.bytesReceived / r.participants / s)} (${kb(r.bots.bytesSent / r.participants / s)})`,
    "messages/participant/s down": fmt(r.bots.messagesReceived / r.participants / s),
    "pose updates delivered/s": fmt(r.bots.deliveries / s, 0),
    "bytes per delivered pose": fmt(r.bots.bytesReceived / r.bots.deliveries, 1),
    "server CPU µs per delivered pose": fmt((r.serverCpuS * 1e6) / r.bots.deliveries, 2),
    "pose latency p50 / p99": `${fmt(percentile(lat, 50))} / ${fmt(percentile(lat, 99))} ms (${lat.length} samples)`,
    "server RSS": several ? `${r.perProcess.map((p) => fmt(p.loop.rssMiB, 0)).join(" + ")} = ${fmt(r.loop.rssMiB, 0)} MiB` : `${fmt(r.loop.rssMiB, 0)} MiB`,
    "bot CPU (share of their cores)": `${fmt(100 * r.botCpuShare)} %`,
    ...(several ? perProcessRows(r) : {}),
  };
}

/** Each process's share: its rooms and clients (Colyseus' own count), CPU, deliveries and cost. */
function perProcessRows(r: SideResult): Record<string, string> {
  const s = r.bots.seconds;
  const rows: Record<string, string> = {};
  r.perProcess.forEach((p, i) => {
    rows[`process ${i + 1}: rooms / clients`] = `${p.loop.rooms ?? "?"} / ${p.loop.clients ?? "?"}`;
    rows[`process ${i + 1}: CPU, poses delivered/s`] = `${fmt((100 * p.cpuS) / s)} %, ${fmt(p.deliveries / s, 0)}`;
    rows[`process ${i + 1}: CPU µs/pose, loop p99, RSS`] = `${fmt((p.cpuS * 1e6) / p.deliveries, 2)} µs, ${fmt(p.loop.p99Ms)} ms, ${fmt(p.loop.rssMiB, 0)} MiB`;
  });
  return rows;
}

function saturated(r: SideResult): boolean {
  return r.sendShare < SATURATED;
}

async function main(): Promise<void> {
  let participants = Math.max(CIRCLE, Math.round(Number(values.participants) / CIRCLE) * CIRCLE);
  const all = values.side === "all" || values.side === "both";
  // Several processes is Hearth's scale-out (server/scale.ts): the relays have none to compare.
  if (PROCESSES > 1 && !all && values.side !== "hearth") throw new Error("--processes is for Hearth only (--side hearth).");
  const sides: Mode[] = PROCESSES > 1 ? ["hearth"] : all ? ["hearth", "binary", "json"] : [values.side as Mode];
  console.log(`Hearth load benchmark — ${machineDetails()}`);
  if (PROCESSES > 1) {
    console.log(`${PROCESSES} Hearth processes behind one Redis (${process.env.REDIS_URL ? "REDIS_URL" : "a redis-server of their own"}); circle c lives on process (c mod ${PROCESSES}).`);
    console.log(
      place.shared
        ? `NOTE: only ${cores} core(s) for ${PROCESSES} server processes and the bots: the servers are pinned to CPU ${Array.from({ length: PROCESSES }, (_, i) => place.server(i)).join(", ")} but the ${botProcs} bot process(es) share those cores, so these figures are not per core.`
        : `Servers pinned to CPU ${Array.from({ length: PROCESSES }, (_, i) => place.server(i)).join(", ")} (one each, taskset); ${botProcs} bot process(es) pinned to CPU ${place.bots}.`,
    );
  } else {
    console.log(
      taskset
        ? `Server pinned to CPU 0 (taskset); ${botProcs} bot process(es) pinned to CPU ${place.bots}.`
        : "taskset unavailable or a single core: server and bots share the CPU, so the server's figures include their competition.",
    );
  }
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
    if (PROCESSES > 1) printProcesses(hearth);
    console.log(`\nHearth targets at ${hearth.participants} participants on ${PROCESSES > 1 ? `${PROCESSES} processes` : "one core"}: event-loop delay p99 < 50 ms: ${ok(hearth.loop.p99Ms < 50)} (${fmt(hearth.loop.p99Ms)} ms), max < 150 ms: ${ok(hearth.loop.maxMs < 150)} (${fmt(hearth.loop.maxMs)} ms); pose latency p99 < 150 ms: ${ok(percentile(lat, 99) < 150)} (${fmt(percentile(lat, 99))} ms).`);
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

/** Whether capacity adds up: each process's deliveries and cost beside the total. */
function printProcesses(r: SideResult): void {
  const s = r.bots.seconds;
  const parts = r.perProcess.map((p, i) => `process ${i + 1}: ${fmt(p.deliveries / s, 0)}/s at ${fmt((p.cpuS * 1e6) / p.deliveries, 2)} µs (${fmt((100 * p.cpuS) / s)} % CPU)`);
  console.log(
    `\nAcross ${r.perProcess.length} processes: ${fmt(r.bots.deliveries / s, 0)} poses delivered/s in total at ${fmt((r.serverCpuS * 1e6) / r.bots.deliveries, 2)} µs of server CPU each; ${parts.join("; ")}. ` +
      "Compare with a --processes 1 run at the same --participants: the same µs per pose on each process means capacity adds up.",
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

// ---------------------------------------------------------------- --soak: the real server's memory

/** VmRSS of a process in MiB (/proc/<pid>/status): what the kernel holds for it, store included. */
function rssMiBOf(pid: number): number {
  const match = /^VmRSS:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
  return match ? Number(match[1]) / 1024 : Number.NaN;
}

async function waitForHealth(base: string, server: ChildProcess): Promise<void> {
  const deadline = Date.now() + 120_000;
  for (;;) {
    if (server.exitCode !== null) throw new Error(`The real server exited (${server.exitCode}) while starting.`);
    const ok = await fetch(`${base}/api/health`).then((r) => r.ok, () => false);
    if (ok) return;
    if (Date.now() > deadline) throw new Error("The real server did not answer /api/health in 2 minutes.");
    await sleep(200);
  }
}

/** A JSON client of the HTTP API that keeps the host's session cookie and CSRF token, as the web client does. */
function apiClient(base: string) {
  let cookie = "";
  let csrf = "";
  return async <T>(method: string, route: string, body: unknown, headers: Record<string, string> = {}): Promise<T> => {
    const res = await fetch(`${base}${route}`, {
      method,
      headers: { "content-type": "application/json", ...(cookie ? { cookie, "x-csrf-token": csrf } : {}), ...headers },
      body: JSON.stringify(body),
    });
    const setCookie = res.headers.get("set-cookie");
    if (setCookie) cookie = setCookie.split(";")[0]!;
    const reply = (await res.json().catch(() => ({}))) as T & { csrfToken?: string };
    if (!res.ok) throw new Error(`${method} ${route}: ${res.status} ${JSON.stringify(reply)}`);
    if (reply.csrfToken) csrf = reply.csrfToken;
    return reply;
  };
}

/**
 * Seats on the real server, got as people get them (its only always-open circle holds 16): the
 * first host (first-run setup) makes each circle with one session that began a minute ago and
 * lasts the longest a session may (8 h), and each bot registers for its circle's session with a
 * participant key of its own. The join options per circle and slot, for the bots.
 */
async function registerSeats(base: string, circles: number, size: number): Promise<Record<number, Record<string, string>[]>> {
  const api = apiClient(base);
  await api("POST", "/api/setup", { email: "load-host@example.org", password: "a long load benchmark password", displayName: "Load host" });
  const start = new Date(Math.floor(Date.now() / 60_000) * 60_000 - 60_000).toISOString();
  const joins: Record<number, Record<string, string>[]> = {};
  for (let c = 0; c < circles; c++) {
    const { circle } = await api<{ circle: { id: string } }>("POST", "/api/host/circles", { title: `Load circle ${c}`, language: "en", capacity: size, visibility: "public" });
    const series = { repeat: "once", startDate: start.slice(0, 10), startTime: start.slice(11, 16), timeZone: "UTC", durationMinutes: 480, lobbyOpenMinutes: 0 };
    const { upcoming } = await api<{ upcoming: { id: string }[] }>("POST", `/api/host/circles/${circle.id}/series`, series);
    const sessionId = upcoming[0]!.id;
    const seats: Record<string, string>[] = (joins[c] = []);
    for (let slot = 0; slot < size; slot++) {
      const participantKey = newParticipantKey();
      const { registration } = await api<{ registration: { id: string; status: string } }>(
        "POST", `/api/sessions/${sessionId}/registrations`, { pseudonym: `Bot ${c}-${slot}` }, { "x-participant-key": participantKey },
      );
      if (registration.status !== "registered") throw new Error(`Bot ${c}-${slot} was not given a place (${registration.status}).`);
      seats.push({ circleId: circle.id, sessionId, participantKey, registrationId: registration.id });
    }
  }
  return joins;
}

/** --soak M: the real server (its store too) under load for M minutes, its RSS every 10 s. */
async function soak(): Promise<void> {
  const minutes = Number(values.soak);
  const participants = Math.max(CIRCLE, Math.round(Number(values.participants) / CIRCLE) * CIRCLE);
  const circles = participants / CIRCLE;
  const totalS = Math.round(minutes * 60);
  if (PROCESSES > 1) throw new Error("--soak runs the one real server: leave out --processes.");
  if (!(totalS >= WINDOW_S + 10) || minutes > 460) throw new Error(`--soak takes minutes, more than --seconds (${WINDOW_S} s) and at most 460 (a session lasts 8 h).`);
  console.log(`Hearth load benchmark, soak — ${machineDetails()}`);
  console.log(
    `The real server (server/main.ts, PGlite store in a temporary DATA_DIR, VOICE=off${taskset ? ", pinned to CPU 0" : ""}) with ${participants} participants ` +
      `(${circles} scheduled circles of ${CIRCLE}) for ${minutes} min; RSS sampled every 10 s; the last ${WINDOW_S} s measured as in the table of bench:load.`,
  );
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "hearth-soak-"));
  const children: ChildProcess[] = [];
  try {
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    const env = { PORT: String(port), HOST: "127.0.0.1", DATA_DIR: dataDir, VOICE: "off" };
    const server = spawnPinned("server/main.ts", [], place.server(0), [...SERVER_NODE_FLAGS, "--import", "./bench/load-probe.ts"], env);
    children.push(server);
    await waitForHealth(base, server);
    const pid = server.pid!;
    await sleep(5000);
    const started = rssMiBOf(pid);
    const joins = await registerSeats(base, circles, CIRCLE);
    await sleep(5000);
    const idle = rssMiBOf(pid);
    console.log(`  RSS just started (store open): ${fmt(started, 0)} MiB; idle with ${circles} circles, sessions and ${participants} registrations: ${fmt(idle, 0)} MiB`);

    // One address may hold only a few seats it has not connected to (server/http/matchmake.ts).
    const joinConcurrency = Math.max(1, Math.floor(MAX_PENDING_RESERVATIONS_PER_ADDRESS / Math.min(botProcs, circles)));
    const bots = await startBots("hearth", [`ws://127.0.0.1:${port}`], circles, CIRCLE, children, { joins, joinConcurrency });
    await sleep(5000);
    const joined = rssMiBOf(pid);
    console.log(`  RSS with all ${participants} joined (before poses): ${fmt(joined, 0)} MiB, ${fmt(((joined - idle) * 1024) / participants, 0)} kB per participant`);

    for (const bot of bots) send(bot, { type: "go" });
    const wentAt = performance.now();
    const cpuAtGo = cpuSecondsOf(pid);
    const samples: { s: number; rss: number }[] = [];
    let last = { cpu: cpuAtGo, at: wentAt };
    const sampler = setInterval(() => {
      samples.push({ s: Math.round((performance.now() - wentAt) / 1000), rss: rssMiBOf(pid) });
      if (samples.length % 6 !== 0) return;
      const now = { cpu: cpuSecondsOf(pid), at: performance.now() };
      const used = now.cpu.user + now.cpu.system - last.cpu.user - last.cpu.system;
      console.log(`  minute ${samples.length / 6}: RSS ${fmt(samples.at(-1)!.rss, 0)} MiB, server CPU ${fmt((100 * used * 1000) / (now.at - last.at))} % of a core over the minute`);
      last = now;
    }, 10_000);
    await sleep((totalS - WINDOW_S) * 1000);
    const result = await measureWindow("hearth", [server], bots, WINDOW_S);
    await sleep(Math.max(0, totalS * 1000 - (performance.now() - wentAt)) + 100);
    clearInterval(sampler);
    const end = rssMiBOf(pid);
    const cpuAtEnd = cpuSecondsOf(pid);
    for (const bot of bots) send(bot, { type: "stop" });

    const minute1 = samples.find((x) => x.s >= 60) ?? samples[0]!;
    const growth = end - minute1.rss;
    const afterMinute1 = (totalS - minute1.s) / 60;
    const later = [...samples.filter((x) => x.s >= minute1.s).map((x) => x.rss), end];
    console.log(`\nMemory of the real server (VmRSS), ${participants} participants:`);
    console.log(`  idle, with its store and the circles: ${fmt(idle, 0)} MiB (just started: ${fmt(started, 0)} MiB)`);
    console.log(`  all joined: ${fmt(joined, 0)} MiB → ${fmt(((joined - idle) * 1024) / participants, 0)} kB per participant ((joined − idle) / participants)`);
    console.log(`  minute 1 of poses: ${fmt(minute1.rss, 0)} MiB (${fmt(((minute1.rss - idle) * 1024) / participants, 0)} kB per participant over idle)`);
    console.log(
      afterMinute1 > 0.5
        ? `  end (${minutes} min): ${fmt(end, 0)} MiB; growth from minute 1: ${growth >= 0 ? "+" : ""}${fmt(growth, 1)} MiB (${fmt(growth / afterMinute1, 2)} MiB/min); ` +
          `range after minute 1 ${fmt(Math.min(...later), 0)}–${fmt(Math.max(...later), 0)} MiB (a collection can move it by tens of MiB)`
        : `  end (${minutes} min): ${fmt(end, 0)} MiB (growth from minute 1 needs --soak 2 or more)`,
    );
    console.log(`  samples (s: MiB): ${samples.map((x) => `${x.s}: ${fmt(x.rss, 0)}`).join(", ")}`);
    console.log(`  server CPU over the whole soak: ${fmt((100 * (cpuAtEnd.user + cpuAtEnd.system - cpuAtGo.user - cpuAtGo.system)) / totalS)} % of one core`);

    const row = describe(result);
    const width = Math.max(...Object.keys(row).map((k) => k.length));
    console.log(`\nThe last ${WINDOW_S} s (real server, with its store):`);
    for (const [key, value] of Object.entries(row)) console.log(`${key.padEnd(width)} | ${value}`);
    const counted = result.perProcess[0]!.loop;
    console.log(`${"rooms / clients (the server's count)".padEnd(width)} | ${counted.rooms ?? "?"} / ${counted.clients ?? "?"}`);
    if (saturated(result)) console.log(`Note: the bots sent only ${fmt(100 * result.sendShare, 0)} % of their intended rate: the figures are bounded by the load generator.`);
  } finally {
    // SIGTERM: the real server shuts down as in a deploy and closes its store.
    for (const child of children) if (child.exitCode === null) child.kill("SIGTERM");
    const deadline = Date.now() + 10_000;
    while (children.some((c) => c.exitCode === null && c.signalCode === null) && Date.now() < deadline) await sleep(100);
    for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
    rmSync(dataDir, { recursive: true, force: true });
  }
}

if (values.soak) await soak();
else if (values.shape) await shape();
else await main();
