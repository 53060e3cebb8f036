/**
 * Load bots for bench/load.ts, one process per slice of circles (pinned away from the server's
 * core). Each bot sends head and hands: to Hearth as the shared codec's 31-byte frame at 20 Hz,
 * to the JSON relay as a networked-aframe-style message at 15 Hz. Every bot counts the bytes it
 * receives; one observer per circle decodes everything and measures pose latency.
 *
 * Latency: each bot's head x moves by 1 mm per tick over a ring of RING ticks, so the x it sent
 * names the tick, and the bot records when it sent each tick. A whole circle lives in one process,
 * so when the observer sees a new x for a peer it looks up that send time on the same clock.
 */
import { Client, type Room } from "colyseus.js";
import WebSocket from "ws";
import { AVATAR_COLORS } from "../shared/avatar.ts";
import { decodeFrame, encodeFrame, packQuaternion, type QuantisedPose, quantiseMetres } from "../shared/pose-codec.ts";
import { readPoseBatch, RemotePoses } from "../shared/pose-relay.ts";
import { ClientMessage, ROOM_NAME, ServerMessage } from "../shared/protocol.ts";
import { seatTransform } from "../shared/seats.ts";

export type Mode = "hearth" | "json" | "binary";

export interface BotsConfig {
  mode: Mode;
  /** ws://127.0.0.1:port of each server process: circle c is on urls[c % urls.length]. */
  urls: string[];
  /** Circle indices this process fills. */
  circles: number[];
  perCircle: number;
  capacity: number;
  hz: number;
  /**
   * Hearth join options by circle index, one per slot (the real server's scheduled sessions:
   * circle and session id, participant key, registration); else the always-open "load-<c>".
   */
  joins?: Record<number, Record<string, string>[]>;
  /** Joins in flight at once (the real server lets one address hold only a few unconnected seats). */
  joinConcurrency?: number;
}

export interface BotsReport {
  type: "report";
  bots: number;
  seconds: number;
  sent: number;
  bytesSent: number;
  bytesReceived: number;
  messagesReceived: number;
  /** Pose updates delivered, as the receivers count them: every receiver, every pose entry it got. */
  deliveries: number;
  /** The same, by server process (circle c % number of servers). */
  deliveriesByServer: number[];
  latenciesMs: number[];
  cpuSeconds: number;
}

export type BotsCommand = { type: "start"; config: BotsConfig } | { type: "go" } | { type: "window-start" } | { type: "window-end" } | { type: "stop" };
export type BotsSignal = { type: "joined"; bots: number } | { type: "failed"; error: string } | BotsReport;

const RING = 250;
const HALF_RING = RING / 2;
const JOIN_CONCURRENCY = 12;

interface Bot {
  id: string;
  circle: number;
  /** Seat centre x in millimetres: head x = baseX + (tick % RING) - HALF_RING. */
  baseX: number;
  sendTimes: Float64Array;
  tick: number;
  send(): void;
  close(): void;
}

const counters = { active: false, startedAt: 0, cpu: process.cpuUsage(), sent: 0, bytesSent: 0, bytesReceived: 0, messagesReceived: 0, deliveries: 0, deliveriesByServer: [] as number[], latencies: [] as number[] };
let servers = 1;

function delivered(circle: number, entries: number): void {
  counters.deliveries += entries;
  counters.deliveriesByServer[circle % servers] = (counters.deliveriesByServer[circle % servers] ?? 0) + entries;
}
const byId = new Map<string, Bot>();
const timers: NodeJS.Timeout[] = [];
const bots: Bot[] = [];

function reply(signal: BotsSignal): void {
  process.send?.(signal);
}

/** Observer side: a peer's head x arrived; measure its latency once per new tick. */
function observed(id: string, headX: number, lastSeen: Map<string, number>): void {
  const bot = byId.get(id);
  if (!bot) return;
  const index = headX - bot.baseX + HALF_RING;
  if (index < 0 || index >= RING || lastSeen.get(id) === index) return;
  lastSeen.set(id, index);
  if (!counters.active) return;
  const sentAt = bot.sendTimes[index]!;
  if (sentAt > counters.startedAt - 1000) counters.latencies.push(performance.now() - sentAt);
}

/** Every receiver counts the pose entries of each batch it gets (Hearth's Poses, the binary relay's batches). */
function countEntries(bytes: Uint8Array, circle: number): void {
  if (!counters.active) return;
  let entries = 0;
  readPoseBatch(bytes, () => entries++);
  delivered(circle, entries);
}

const urlOf = (config: BotsConfig, circle: number) => config.urls[circle % config.urls.length]!;

// ---------------------------------------------------------------- Hearth: the pose codec over Colyseus

/** The RING frames a bot cycles through: head turning gently at its seat, hands swaying. */
function hearthFrames(seat: number, capacity: number): { baseX: number; frames: Uint8Array[] } {
  const s = seatTransform(seat, capacity);
  const baseX = quantiseMetres(s.x);
  const frames: Uint8Array[] = [];
  for (let i = 0; i < RING; i++) {
    const yaw = s.yaw + 0.2 * Math.sin(i * 0.21);
    const q = packQuaternion({ x: 0, y: Math.sin(yaw / 2), z: 0, w: Math.cos(yaw / 2) });
    const head: QuantisedPose = { x: baseX + i - HALF_RING, y: 1150, z: quantiseMetres(s.z), q };
    const sway = Math.round(60 * Math.sin(i * 0.37));
    const hand = (dx: number): QuantisedPose => ({ x: head.x + dx + sway, y: 800 - sway, z: head.z - 150, q });
    frames.push(encodeFrame({ head, hands: { left: hand(-200), right: hand(200) } }));
  }
  return { baseX, frames };
}

async function joinHearth(config: BotsConfig, circle: number, slot: number): Promise<Bot> {
  const client = new Client(urlOf(config, circle));
  const room: Room = await client.joinOrCreate(ROOM_NAME, {
    ...(config.joins?.[circle]?.[slot] ?? { circleId: `load-${circle}` }),
    pseudonym: `Bot ${circle}-${slot}`,
    color: AVATAR_COLORS[slot % AVATAR_COLORS.length],
  });
  const participants = () => (room.state as { participants?: Map<string, { seat: number; poseId: number }> }).participants;
  // A scheduled session has seats for its facilitators too: place the poses by the room's own count.
  const seats = () => (room.state as { capacity?: number }).capacity || config.capacity;
  // colyseus.js uses Node's own WebSocket (Node 22+) or the ws package, whichever it finds.
  const ws = (room.connection.transport as unknown as { ws: WebSocket | globalThis.WebSocket }).ws;
  const onBytes = (data: ArrayBuffer | Buffer) => {
    if (!counters.active) return;
    counters.bytesReceived += data.byteLength;
    counters.messagesReceived++;
  };
  if ("on" in ws) ws.on("message", onBytes);
  else ws.addEventListener("message", (event) => onBytes(event.data as ArrayBuffer));
  const observer = slot === 0;
  if (observer) {
    const lastSeen = new Map<string, number>();
    const poses = new RemotePoses();
    room.onMessage(ServerMessage.Poses, (bytes: Uint8Array) => {
      countEntries(bytes, circle);
      const state = participants();
      if (!state) return;
      poses.receive(bytes, state);
      state.forEach((_p, id) => {
        const frame = poses.get(id);
        if (frame) observed(id, frame.head.x, lastSeen);
      });
    });
  } else {
    // Decoding is the browser's work, not the server's: the other bots only count bytes.
    (room as unknown as { serializer: { patch(): void } }).serializer.patch = () => {};
    room.onMessage(ServerMessage.Poses, (bytes: Uint8Array) => countEntries(bytes, circle));
  }
  const seat = await new Promise<number>((resolve, reject) => {
    const timeout = setTimeout(() => reject(new Error("no seat in time")), 30_000);
    const check = () => {
      const self = participants()?.get(room.sessionId);
      if (self) {
        clearTimeout(timeout);
        resolve(self.seat);
      } else setTimeout(check, 20);
    };
    check();
  });
  const { baseX, frames } = hearthFrames(seat, seats());
  const bot: Bot = {
    id: room.sessionId,
    circle,
    baseX,
    sendTimes: new Float64Array(RING),
    tick: 0,
    send() {
      const index = this.tick++ % RING;
      this.sendTimes[index] = performance.now();
      room.sendBytes(ClientMessage.Pose, frames[index]!);
      if (counters.active) {
        counters.sent++;
        // The frame, the message type and Colyseus' framing bytes, as sendBytes writes them.
        counters.bytesSent += frames[index]!.length + ClientMessage.Pose.length + 2;
      }
    },
    close: () => void room.leave(true).catch(() => {}),
  };
  return bot;
}

// ---------------------------------------------------------------- JSON relay: networked-aframe style

function nafEntity(networkId: string, owner: string, position: { x: number; y: number; z: number }, rotation: { x: number; y: number; z: number }) {
  return {
    networkId,
    owner,
    creator: owner,
    lastOwnerTime: Date.now(),
    template: networkId.endsWith("head") ? "#remote-avatar-template" : "#remote-hand-template",
    persistent: false,
    parent: null,
    components: { 0: position, 1: rotation, 2: { x: 1, y: 1, z: 1 } },
    isFirstSync: false,
  };
}

async function joinJson(config: BotsConfig, circle: number, slot: number): Promise<Bot> {
  const id = `c${circle}s${slot}-${Math.random().toString(36).slice(2, 10)}`;
  const ws = new WebSocket(`${urlOf(config, circle)}/?circle=load-${circle}&id=${id}`, { perMessageDeflate: false });
  await new Promise<void>((resolve, reject) => {
    ws.once("open", () => resolve());
    ws.once("error", reject);
  });
  const s = seatTransform(slot, config.capacity);
  const baseX = quantiseMetres(s.x);
  const observer = slot === 0;
  const lastSeen = new Map<string, number>();
  ws.on("message", (data: Buffer) => {
    if (counters.active) {
      counters.bytesReceived += data.length;
      counters.messagesReceived++;
      delivered(circle, 1);
    }
    if (!observer) return;
    // Every receiver counted its delivery above; the observer also measures latency.
    const message = JSON.parse(data.toString()) as { data: { d: { owner: string; components: Record<string, { x: number }> }[] } };
    const head = message.data.d[0]!;
    observed(head.owner, Math.round(head.components[0]!.x * 1000), lastSeen);
  });
  const bot: Bot = {
    id,
    circle,
    baseX,
    sendTimes: new Float64Array(RING),
    tick: 0,
    send() {
      const index = this.tick++ % RING;
      this.sendTimes[index] = performance.now();
      const yaw = (s.yaw + 0.2 * Math.sin(index * 0.21)) * (180 / Math.PI);
      const sway = 0.06 * Math.sin(index * 0.37);
      const head = { x: (baseX + index - HALF_RING) / 1000, y: 1.15 + 0.01 * Math.sin(index * 0.13), z: s.z };
      const hand = (dx: number) => ({ x: head.x + dx + sway, y: 0.8 - sway, z: s.z - 0.15 });
      const message = JSON.stringify({
        dataType: "um",
        data: {
          d: [
            nafEntity(`naf-${id}-head`, id, head, { x: 5 * Math.sin(index * 0.1), y: yaw, z: 0 }),
            nafEntity(`naf-${id}-left-hand`, id, hand(-0.2), { x: 30 * Math.sin(index * 0.17), y: yaw + 10, z: 5 }),
            nafEntity(`naf-${id}-right-hand`, id, hand(0.2), { x: 30 * Math.cos(index * 0.17), y: yaw - 10, z: -5 }),
          ],
        },
      });
      ws.send(message);
      if (counters.active) {
        counters.sent++;
        counters.bytesSent += Buffer.byteLength(message);
      }
    },
    close: () => ws.close(),
  };
  return bot;
}

// ---------------------------------------------------------------- binary relay: the same frames, batched

async function joinBinary(config: BotsConfig, circle: number, slot: number): Promise<Bot> {
  const ws = new WebSocket(`${urlOf(config, circle)}/?circle=load-${circle}&slot=${slot}`, { perMessageDeflate: false });
  await new Promise<void>((resolve, reject) => {
    ws.once("open", () => resolve());
    ws.once("error", reject);
  });
  const { baseX, frames } = hearthFrames(slot, config.capacity);
  const observer = slot === 0;
  const lastSeen = new Map<string, number>();
  ws.on("message", (data: Buffer) => {
    if (counters.active) {
      counters.bytesReceived += data.length;
      counters.messagesReceived++;
    }
    countEntries(data, circle);
    if (!observer) return;
    readPoseBatch(data, (peer, frame) => {
      const head = decodeFrame(frame)?.head;
      if (head) observed(`load-${circle}/${peer}`, head.x, lastSeen);
    });
  });
  const bot: Bot = {
    id: `load-${circle}/${slot}`,
    circle,
    baseX,
    sendTimes: new Float64Array(RING),
    tick: 0,
    send() {
      const index = this.tick++ % RING;
      this.sendTimes[index] = performance.now();
      ws.send(frames[index]!, { binary: true });
      if (counters.active) {
        counters.sent++;
        counters.bytesSent += frames[index]!.length;
      }
    },
    close: () => ws.close(),
  };
  return bot;
}

// ---------------------------------------------------------------- the process

async function start(config: BotsConfig): Promise<void> {
  const todo: [number, number][] = config.circles.flatMap((circle) => Array.from({ length: config.perCircle }, (_, slot) => [circle, slot] as [number, number]));
  // The observer of each circle joins first, so it is seated and decoding before its peers arrive.
  todo.sort((a, b) => a[1] - b[1]);
  const join = { hearth: joinHearth, json: joinJson, binary: joinBinary }[config.mode];
  servers = config.urls.length;
  let next = 0;
  await Promise.all(
    Array.from({ length: config.joinConcurrency ?? JOIN_CONCURRENCY }, async () => {
      while (next < todo.length) {
        const [circle, slot] = todo[next++]!;
        const bot = await join(config, circle, slot);
        bots.push(bot);
        byId.set(bot.id, bot);
      }
    }),
  );
  reply({ type: "joined", bots: bots.length });
}

function go(config: BotsConfig): void {
  const period = 1000 / config.hz;
  for (const bot of bots) {
    // Spread the bots over the period, as real headsets are.
    timers.push(setTimeout(() => timers.push(setInterval(() => bot.send(), period)), Math.random() * period));
  }
}

let config: BotsConfig | undefined;
process.on("message", (command: BotsCommand) => {
  switch (command.type) {
    case "start":
      config = command.config;
      start(command.config).catch((error: unknown) => reply({ type: "failed", error: String(error) }));
      return;
    case "go":
      go(config!);
      return;
    case "window-start":
      Object.assign(counters, { active: true, startedAt: performance.now(), cpu: process.cpuUsage(), sent: 0, bytesSent: 0, bytesReceived: 0, messagesReceived: 0, deliveries: 0, deliveriesByServer: [], latencies: [] });
      return;
    case "window-end": {
      const cpu = process.cpuUsage(counters.cpu);
      counters.active = false;
      reply({
        type: "report",
        bots: bots.length,
        seconds: (performance.now() - counters.startedAt) / 1000,
        sent: counters.sent,
        bytesSent: counters.bytesSent,
        bytesReceived: counters.bytesReceived,
        messagesReceived: counters.messagesReceived,
        deliveries: counters.deliveries,
        deliveriesByServer: counters.deliveriesByServer,
        latenciesMs: counters.latencies,
        cpuSeconds: (cpu.user + cpu.system) / 1e6,
      });
      return;
    }
    case "stop":
      for (const timer of timers) clearInterval(timer);
      for (const bot of bots) bot.close();
      setTimeout(() => process.exit(0), 500);
      return;
  }
});
process.on("disconnect", () => process.exit(0));
