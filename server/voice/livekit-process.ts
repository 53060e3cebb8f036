/**
 * A livekit-server of our own for development and tests: `--dev` keys, every socket on
 * 127.0.0.1 (signalling, ICE over TCP and UDP), webhooks to this Hearth, logs into ours.
 * Never any egress or recording: it carries live audio and keeps nothing.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { connect } from "node:net";
import { createInterface } from "node:readline";
import { findLivekitBinary, LIVEKIT_INSTALL_HELP } from "../../scripts/livekit-binary.mjs";
import { log } from "../log.ts";

export interface LiveKitProcessOptions {
  /** HTTP, WebSocket and server API port. */
  port: number;
  /**
   * ICE over TCP; 0 leaves it off. LiveKit listens for it on every interface whatever
   * bind_addresses says, so it is off unless asked for.
   */
  rtcTcpPort: number;
  /** ICE over UDP (one port, muxed). */
  rtcUdpPort: number;
  apiKey: string;
  apiSecret: string;
  /** Where LiveKit posts its webhooks (signed with apiKey). */
  webhookUrl?: string;
  /** Defaults to findLivekitBinary(). */
  binary?: string;
  startTimeoutMs?: number;
}

export interface LiveKitProcess {
  /** The server API and signalling URL on loopback, e.g. http://127.0.0.1:7880. */
  url: string;
  pid: number;
  /** Stops the server (forcefully if it lingers) and resolves once it has exited. */
  stop(): Promise<void>;
}

const HOST = "127.0.0.1";
const STOP_GRACE_MS = 5000;
/** Lines kept to explain a server that would not start. */
const TAIL_LINES = 20;

/** LiveKit's configuration as JSON (which is YAML too, so nothing needs escaping). */
export function liveKitConfig(options: LiveKitProcessOptions, logLevel: "debug" | "info"): string {
  return JSON.stringify({
    port: options.port,
    bind_addresses: [HOST],
    keys: { [options.apiKey]: options.apiSecret },
    rtc: {
      tcp_port: options.rtcTcpPort,
      udp_port: options.rtcUdpPort,
      node_ip: HOST,
      use_external_ip: false,
      enable_loopback_candidate: true,
      // Without this the UDP port is also opened on every other interface's address.
      ips: { includes: [`${HOST}/32`] },
    },
    ...(options.webhookUrl ? { webhook: { api_key: options.apiKey, urls: [options.webhookUrl] } } : {}),
    logging: { json: true, level: logLevel },
  });
}

function portAnswers(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ port, host: HOST });
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
  });
}

/** Forwards one line of LiveKit's JSON log to ours at debug level, minus anything secret. */
function forwardLogLine(line: string, tail: string[]): void {
  tail.push(line);
  if (tail.length > TAIL_LINES) tail.shift();
  if (!log.isLevelEnabled("debug")) return;
  let entry: Record<string, unknown>;
  try {
    entry = JSON.parse(line) as Record<string, unknown>;
  } catch {
    log.debug({ livekit: { line } }, "livekit");
    return;
  }
  const { msg, ts: _ts, logger: _logger, ...fields } = entry;
  for (const key of Object.keys(fields)) {
    if (/secret|token|key/i.test(key)) delete fields[key];
  }
  log.debug({ livekit: fields }, `livekit: ${String(msg)}`);
}

/** Starts livekit-server and resolves once its port answers; rejects with LiveKit's last words if it does not. */
export async function startLiveKit(options: LiveKitProcessOptions): Promise<LiveKitProcess> {
  const binary = options.binary ?? findLivekitBinary().path;
  if (!binary) throw new Error(`${findLivekitBinary().reason}\n${LIVEKIT_INSTALL_HELP}`);
  for (const port of [options.port, options.rtcTcpPort].filter((p) => p > 0)) {
    if (await portAnswers(port)) {
      throw new Error(`Port ${port} on ${HOST} is already in use, so livekit-server cannot start. Set LIVEKIT_PORT / LIVEKIT_RTC_TCP_PORT / LIVEKIT_RTC_UDP_PORT, or LIVEKIT_URL to use that server.`);
    }
  }

  const level = log.isLevelEnabled("debug") ? "debug" : "info";
  // A clean environment: livekit-server reads many variables (NODE_IP, REDIS_HOST, LIVEKIT_KEYS, ...).
  // The configuration goes in LIVEKIT_CONFIG (same as --config-body) to keep the secret out of `ps`.
  const child: ChildProcess = spawn(binary, ["--dev"], {
    env: { PATH: process.env.PATH ?? "/usr/bin:/bin", HOME: process.env.HOME ?? "/", LIVEKIT_CONFIG: liveKitConfig(options, level) },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const tail: string[] = [];
  for (const stream of [child.stdout, child.stderr]) {
    if (stream) createInterface({ input: stream }).on("line", (line) => forwardLogLine(line, tail));
  }
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  let hasExited = false;
  void exited.then(() => (hasExited = true));
  let spawnError: Error | undefined;
  child.once("error", (error) => (spawnError = error));
  // If this process ends without stopping it (a crash, process.exit), take it along.
  const killOnExit = () => child.kill("SIGKILL");
  process.once("exit", killOnExit);

  const stop = async (): Promise<void> => {
    process.removeListener("exit", killOnExit);
    if (hasExited || child.exitCode !== null || child.signalCode !== null) return;
    // LiveKit's first signal drains (it waits for participants to leave); a second one forces.
    child.kill("SIGTERM");
    const force = setTimeout(() => child.kill("SIGTERM"), 100);
    const kill = setTimeout(() => child.kill("SIGKILL"), STOP_GRACE_MS);
    await exited;
    clearTimeout(force);
    clearTimeout(kill);
    log.info({ pid: child.pid }, "livekit-server stopped");
  };

  const deadline = Date.now() + (options.startTimeoutMs ?? 20_000);
  for (;;) {
    if (spawnError) {
      await stop();
      throw new Error(`Could not run livekit-server at ${binary}: ${spawnError.message}`);
    }
    if (hasExited) {
      process.removeListener("exit", killOnExit);
      throw new Error(`livekit-server exited while starting (code ${child.exitCode}). Its last words:\n${tail.join("\n")}`);
    }
    if (await portAnswers(options.port)) break;
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`livekit-server did not open port ${options.port} in time. Its last words:\n${tail.join("\n")}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }

  const url = `http://${HOST}:${options.port}`;
  log.info({ pid: child.pid, url, rtcTcpPort: options.rtcTcpPort, rtcUdpPort: options.rtcUdpPort }, "livekit-server started");
  return { url, pid: child.pid ?? -1, stop };
}
