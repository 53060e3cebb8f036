/**
 * Fuzz: hostile clients send thousands of random and malformed messages of every type (valid
 * names with wrong payloads, garbage pose bytes, unknown names, huge strings, prototype-pollution
 * keys, raw garbage frames below the Colyseus protocol, oversized frames, bad joins). Honest
 * clients sit in the same circle. Throughout: the server stays up, the room's invariants hold,
 * and the honest clients see each other exactly as they made themselves.
 *
 * Reproduce a failure with FUZZ_SEED=<seed printed in the failure> (and FUZZ_MESSAGES=<n>).
 */
import { matchMaker } from "@colyseus/core";
import { Client, type Room } from "colyseus.js";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { type HearthServer, startHearth } from "../../server/app.ts";
import { OPEN_CIRCLE_ID } from "../../server/circles/catalog.ts";
import { loadConfig } from "../../server/config.ts";
import { log } from "../../server/log.ts";
import type { CircleRoom } from "../../server/rooms/CircleRoom.ts";
import { type CircleState, NO_SEAT, type Participant } from "../../server/rooms/state.ts";
import { AVATAR_COLORS } from "../../shared/avatar.ts";
import { FACILITATE_MESSAGE, facilitatorActionSchema, PASS_PIECE_MESSAGE } from "../../shared/facilitation.ts";
import { CIRCLE_CAPACITY_MAX, MAX_MESSAGE_BYTES } from "../../shared/limits.ts";
import { decodeFrame, encodeFrame, type QuantisedFrame, type QuantisedPose } from "../../shared/pose-codec.ts";
import type { RemotePoses } from "../../shared/pose-relay.ts";
import { implausibleFrameReason } from "../../shared/pose-rules.ts";
import { ClientMessage, CloseCode, ROOM_NAME } from "../../shared/protocol.ts";
import { pseudonymKey } from "../../shared/pseudonym.ts";
import { seatedHeadPose, seatTransform } from "../../shared/seats.ts";
import { freePort } from "../support/free-port.ts";
import { followPoses } from "../support/poses.ts";
import { seededRandom } from "../support/random.ts";
import { sleep, waitFor } from "../support/wait.ts";
import { enterCircle } from "../support/circle-client.ts";

const SEED = Number(process.env.FUZZ_SEED ?? 0x4ea27) >>> 0;
const MESSAGES = Number(process.env.FUZZ_MESSAGES ?? 12_000);
const HOSTILES = 4;
const HONEST = 3;
const CHECK_EVERY = 400;
const CAPACITY = CIRCLE_CAPACITY_MAX;
const POLLUTION_KEY = "hearthFuzzPolluted";

const random = seededRandom(SEED);
const int = (n: number) => Math.floor(random() * n);
const pick = <T>(list: readonly T[]): T => list[int(list.length)]!;
const chance = (p: number) => random() < p;

let hearth: HearthServer;
let wsUrl: string;
const roomErrors: unknown[] = [];

// ------------------------------------------------------------------ random payloads

const WEIRD_KEYS = ["__proto__", "constructor", "prototype", "toString", "valueOf", "hasOwnProperty", "then", "raised", "away", "muted", "action", "target", "seat", "text", "phase", ""];
const WEIRD_STRINGS = [
  "", " ", "\u0000", "\u202eevil", "a\u200bb", "\ud800", "💥".repeat(40), "<script>alert(1)</script>", "' OR 1=1 --", "%s%n%x",
  "__proto__", "constructor", "Quiet Otter", "QUIET OTTER", "main", "waiting", "breakout:x",
];
const WEIRD_NUMBERS = [0, -0, 1, -1, 0.5, NaN, Infinity, -Infinity, 2 ** 31, -(2 ** 31), 2 ** 53, Number.MAX_VALUE, Number.MIN_VALUE, 255, 256, 65535, 1e308];

function randomString(maxLength = 64): string {
  if (chance(0.4)) return pick(WEIRD_STRINGS);
  const length = int(maxLength + 1);
  let s = "";
  for (let i = 0; i < length; i++) s += String.fromCharCode(chance(0.9) ? 32 + int(95) : int(0xffff));
  return s;
}

function randomBytes(length = pick([0, 1, 10, 11, 12, 30, 31, 32, 64, int(600)])): Uint8Array {
  const bytes = new Uint8Array(length);
  for (let i = 0; i < length; i++) bytes[i] = int(256);
  return bytes;
}

/** An object with an own "__proto__" key, as JSON.parse makes it (a literal would set the prototype). */
function pollutingObject(): Record<string, unknown> {
  return JSON.parse(`{"__proto__": {"${POLLUTION_KEY}": true}, "constructor": {"prototype": {"${POLLUTION_KEY}": true}}}`) as Record<string, unknown>;
}

function randomValue(depth = 0): unknown {
  switch (int(depth > 2 ? 6 : 10)) {
    case 0: return pick([null, undefined, true, false]);
    case 1: return pick(WEIRD_NUMBERS);
    case 2: return random() * 2e6 - 1e6;
    case 3: return randomString();
    case 4: return chance(0.1) ? "x".repeat(1000 + int(2500)) : randomString(200);
    case 5: return randomBytes();
    case 6: return Array.from({ length: int(6) }, () => randomValue(depth + 1));
    case 7: return pollutingObject();
    default: {
      const object: Record<string, unknown> = {};
      for (let i = int(5); i > 0; i--) {
        // Own properties, even "__proto__" (an assignment would set the prototype instead).
        const key = chance(0.5) ? pick(WEIRD_KEYS) : randomString(12);
        Object.defineProperty(object, key, { value: randomValue(depth + 1), enumerable: true, writable: true, configurable: true });
      }
      return object;
    }
  }
}

const randomPose = (): QuantisedPose => ({
  x: int(65535) - 32767,
  y: int(65535) - 32767,
  z: int(65535) - 32767,
  q: int(2 ** 32),
});

/** A pose frame: random, or plausible but at someone else's seat, or plausible at one's own. */
function poseBytes(ownSeat: number): Uint8Array {
  const roll = int(6);
  if (roll === 0) return randomBytes();
  if (roll === 1) {
    const frame = encodeFrame({ head: randomPose(), hands: chance(0.5) ? { left: randomPose(), right: randomPose() } : null });
    if (chance(0.3)) frame[0] = int(256); // bad flags
    return frame;
  }
  const seat = roll <= 3 ? int(CAPACITY) : ownSeat;
  const head = seatedHeadPose(seat, CAPACITY, random() * 2 - 1, random() - 0.5);
  const hand = (dx: number): QuantisedPose => ({ ...head, x: head.x + dx, y: head.y - 400 });
  return encodeFrame({ head, hands: chance(0.5) ? { left: hand(-200), right: hand(200) } : null });
}

/** A payload for message `type` that is valid in shape often enough to reach the handlers. */
function payloadFor(type: string, ids: string[], ownSeat: number): unknown {
  const target = () => (chance(0.8) && ids.length ? pick(ids) : randomString(70));
  if (chance(0.35)) return randomValue();
  switch (type) {
    case ClientMessage.RaiseHand: return { raised: chance(0.7) ? chance(0.5) : randomValue(2), ...(chance(0.1) ? { extra: 1 } : {}) };
    case ClientMessage.Away: return { away: chance(0.7) ? chance(0.5) : randomValue(2) };
    case ClientMessage.SelfMute: return { muted: chance(0.7) ? chance(0.5) : randomValue(2) };
    case ClientMessage.VoiceTicket: case PASS_PIECE_MESSAGE: return chance(0.7) ? {} : { x: randomValue(2) };
    case FACILITATE_MESSAGE: {
      const options = facilitatorActionSchema.options.map((o) => o.shape.action.value);
      return {
        action: chance(0.9) ? pick(options) : randomString(20),
        target: target(),
        seat: chance(0.8) ? int(CAPACITY + 2) - 1 : randomValue(2),
        phase: pick(["arrival", "checkin", "sharing", "closing", "ended", "nope"]),
        breakout: pick(["a", "room-1", "UPPER", "../etc"]),
        shareSeconds: pick([null, 30, 900, 1, 1e9]),
      };
    }
    case ClientMessage.Chat: return { text: chance(0.1) ? "y".repeat(3000) : randomString(400) };
    case ClientMessage.ChatModerate: return pick([{ action: "pause", paused: true }, { action: "delete", messageId: randomString(40) }, { action: "pause", paused: "yes" }]);
    case ClientMessage.Block: case ClientMessage.Unblock: return { target: target() };
    case ClientMessage.Report: return { target: target(), category: pick(["harassment", "other", "nope"]), note: randomString(600) };
    case ClientMessage.ReportResolve: return { reportId: randomString(70) };
    case ClientMessage.Pose: return poseBytes(ownSeat);
    default: return randomValue();
  }
}

/**
 * A minimal MessagePack encoder for what colyseus.js refuses to encode (objects with an own
 * "__proto__" or "constructor" key): the server must cope with whatever arrives on the wire.
 */
function msgpack(value: unknown, out: number[] = []): number[] {
  const u8 = (...bytes: number[]) => out.push(...bytes);
  const u16 = (n: number) => u8((n >> 8) & 255, n & 255);
  const u32 = (n: number) => u8((n >>> 24) & 255, (n >> 16) & 255, (n >> 8) & 255, n & 255);
  if (value === null || value === undefined) u8(0xc0);
  else if (typeof value === "boolean") u8(value ? 0xc3 : 0xc2);
  else if (typeof value === "number") {
    if (Number.isInteger(value) && value >= -(2 ** 31) && value < 2 ** 31 && !Object.is(value, -0)) {
      u8(0xd2);
      u32(value >>> 0);
    } else {
      const view = new DataView(new ArrayBuffer(8));
      view.setFloat64(0, value);
      u8(0xcb, ...new Uint8Array(view.buffer));
    }
  } else if (typeof value === "string") {
    const bytes = new TextEncoder().encode(value);
    if (bytes.length < 32) u8(0xa0 | bytes.length);
    else if (bytes.length < 256) u8(0xd9, bytes.length);
    else if (bytes.length < 65536) {
      u8(0xda);
      u16(bytes.length);
    } else {
      u8(0xdb);
      u32(bytes.length);
    }
    for (const byte of bytes) out.push(byte);
  } else if (value instanceof Uint8Array) {
    u8(0xc6);
    u32(value.length);
    for (const byte of value) out.push(byte);
  } else if (Array.isArray(value)) {
    u8(0xdc);
    u16(value.length);
    for (const item of value) msgpack(item, out);
  } else {
    const keys = Object.keys(value as object);
    u8(0xde);
    u16(keys.length);
    for (const key of keys) {
      msgpack(key, out);
      msgpack((value as Record<string, unknown>)[key], out);
    }
  }
  return out;
}

/** A ROOM_DATA frame as colyseus.js would build it, from our own encoding. */
function roomDataFrame(type: string | number, payload: unknown): Uint8Array {
  return Uint8Array.from([13, ...msgpack(type), ...(payload === undefined ? [] : msgpack(payload))]);
}

const KNOWN_TYPES = [...new Set<string>([...Object.values(ClientMessage), FACILITATE_MESSAGE, PASS_PIECE_MESSAGE])];
const ODD_TYPES: (string | number)[] = ["__proto__", "constructor", "prototype", "toString", "hasOwnProperty", "*", "", "x".repeat(300), "pose\u0000", "💥", 0, 1, -1, 13, 2 ** 31];
const PROTOCOL_CODES = [10, 11, 12, 13, 14, 15, 16, 17, 0, 255];

// ------------------------------------------------------------------ clients

interface Honest {
  name: string;
  room: Room<CircleState>;
  /** Everyone else's poses as this honest client received them. */
  poses: RemotePoses;
  expected: { seat: number; color: string; handRaised: boolean; away: boolean; muted: boolean; head: QuantisedPose; hands: QuantisedFrame["hands"] };
  dropped: number | null;
}

class Hostile {
  room: Room<CircleState> | null = null;
  private client = new Client(wsUrl);
  private seq = 0;
  reconnecting: Promise<void> | null = null;
  stats = { joins: 0, reconnects: 0, kicked: 0, dropped: 0 };

  constructor(private readonly n: number) {}

  get ready(): boolean {
    return !!this.room && this.room.connection.isOpen && !this.reconnecting;
  }

  get seat(): number {
    return (this.room && this.room.state.participants?.get(this.room.sessionId)?.seat) ?? 0;
  }

  async join(): Promise<void> {
    for (let attempt = 0; ; attempt++) {
      try {
        const pseudonym = `Hostile ${this.n}-${this.seq++}`;
        this.watch(await this.client.joinOrCreate<CircleState>(ROOM_NAME, { circleId: OPEN_CIRCLE_ID, pseudonym, color: pick(AVATAR_COLORS) }));
        this.stats.joins++;
        return;
      } catch (error) {
        // The circle may be full of seats held for dropped hostiles; they free up within 30 s.
        if (attempt > 200) throw error;
        await sleep(150);
      }
    }
  }

  private watch(room: Room<CircleState>): void {
    this.room = room;
    room.onMessage("*", () => {});
    room.onLeave((code) => {
      if (this.room !== room) return;
      const removed = code === CloseCode.Removed || code === 4000;
      if (removed) this.stats.kicked++;
      else this.stats.dropped++;
      this.reconnecting = (removed ? this.join() : this.rejoin(room.reconnectionToken)).finally(() => (this.reconnecting = null));
    });
  }

  /** Back to the held seat with the reconnection token, as a persistent attacker would; else a fresh join. */
  private async rejoin(token: string): Promise<void> {
    try {
      this.watch(await this.client.reconnect<CircleState>(token));
      this.stats.reconnects++;
    } catch {
      await this.join();
    }
  }

  /** Sends one hostile message; returns its kind for the tally. */
  send(ids: string[]): string {
    const room = this.room!;
    const roll = random();
    const ws = (room.connection.transport as unknown as { ws: { send(b: Uint8Array): void } }).ws;
    if (roll < 0.06) {
      const frame = randomBytes(1 + int(80));
      frame[0] = pick(PROTOCOL_CODES);
      ws.send(frame);
      return `raw:${frame[0]}`;
    }
    if (roll < 0.07) {
      room.send(pick(KNOWN_TYPES), "z".repeat(MAX_MESSAGE_BYTES + int(2000)));
      return "oversized";
    }
    const type = chance(0.85) ? pick(KNOWN_TYPES) : pick(ODD_TYPES);
    const payload = payloadFor(String(type), ids, this.seat);
    if (payload instanceof Uint8Array && chance(0.8)) room.sendBytes(type, payload);
    else if (chance(0.5)) ws.send(roomDataFrame(type, payload));
    else {
      try {
        room.send(type, payload);
      } catch {
        ws.send(roomDataFrame(type, payload)); // colyseus.js cannot encode it: send it anyway
      }
    }
    return String(type).slice(0, 24);
  }
}

async function joinHonest(name: string, color: string): Promise<Honest> {
  let poses!: RemotePoses;
  const room = await enterCircle(wsUrl, { pseudonym: name, color }, (joined) => (poses = followPoses(joined)));
  const self = room.state.participants.get(room.sessionId)!;
  const honest: Honest = {
    name,
    room,
    poses,
    expected: { seat: self.seat, color, handRaised: false, away: false, muted: false, head: seatedHeadPose(self.seat, CAPACITY), hands: null },
    dropped: null,
  };
  room.onLeave((code) => (honest.dropped = code));
  return honest;
}

// ------------------------------------------------------------------ checks

/** The room's invariants, on the server's own state. Returns the problems found. */
function invariantProblems(room: CircleRoom): string[] {
  const problems: string[] = [];
  const { capacity } = room.state;
  const seats = new Map<number, string>();
  const names = new Map<string, string>();
  room.state.participants.forEach((p: Participant, key: string) => {
    if (p.id !== key) problems.push(`participant ${key} carries id ${p.id}`);
    if (p.seat !== NO_SEAT) {
      if (p.seat >= capacity) problems.push(`${key} sits on seat ${p.seat} of ${capacity}`);
      if (seats.has(p.seat)) problems.push(`seat ${p.seat} is taken by ${seats.get(p.seat)} and ${key}`);
      seats.set(p.seat, key);
      // Poses travel beside the state: check the one the room relays.
      const bytes = room["poses"].frameOf(p.poseId);
      const frame = bytes && decodeFrame(bytes);
      if (!frame) problems.push(`${key} is seated without a valid pose`);
      else {
        const implausible = implausibleFrameReason(frame, seatTransform(p.seat, capacity));
        if (implausible) problems.push(`${key}'s pose: ${implausible}`);
      }
    } else if (p.space === "main") {
      problems.push(`${key} is in the circle without a seat`);
    }
    const name = pseudonymKey(p.pseudonym);
    if (names.has(name)) problems.push(`pseudonym "${p.pseudonym}" is used by ${names.get(name)} and ${key}`);
    names.set(name, key);
    if (p.connected && !room.clients.getById(key)) problems.push(`${key} is shown connected without a connection`);
  });
  for (const client of room.clients) {
    if (!room.state.participants.has(client.sessionId)) problems.push(`connection ${client.sessionId} has no participant`);
  }
  return problems;
}

/** Differences between what `viewer` sees of `other` and what `other` did. */
function viewProblems(viewer: Honest, other: Honest): string[] {
  const seen = viewer.room.state.participants.get(other.room.sessionId);
  if (!seen) return [`${viewer.name} does not see ${other.name}`];
  const e = other.expected;
  const actual = {
    pseudonym: seen.pseudonym, seat: seen.seat, color: seen.color, role: seen.role, space: seen.space, connected: seen.connected,
    handRaised: seen.handRaised, away: seen.away, muted: seen.muted, micAllowed: seen.micAllowed, mutedByFacilitator: seen.mutedByFacilitator,
    ...viewer.poses.get(other.room.sessionId),
  };
  const wanted = {
    pseudonym: other.name, seat: e.seat, color: e.color, role: "participant", space: "main", connected: true,
    handRaised: e.handRaised, away: e.away, muted: e.muted, micAllowed: true, mutedByFacilitator: false, head: e.head, hands: e.hands,
  };
  return JSON.stringify(actual) === JSON.stringify(wanted) ? [] : [`${viewer.name} sees ${other.name} as ${JSON.stringify(actual)}, expected ${JSON.stringify(wanted)}`];
}

/** One honest participant does something ordinary, and everyone's expectation follows. */
function honestAction(honest: Honest): void {
  const e = honest.expected;
  switch (int(4)) {
    case 0:
      e.handRaised = !e.handRaised;
      honest.room.send(ClientMessage.RaiseHand, { raised: e.handRaised });
      break;
    case 1:
      e.away = !e.away;
      honest.room.send(ClientMessage.Away, { away: e.away });
      break;
    case 2:
      e.muted = !e.muted;
      honest.room.send(ClientMessage.SelfMute, { muted: e.muted });
      break;
    default: {
      const head = seatedHeadPose(e.seat, CAPACITY, random() - 0.5, random() * 0.4 - 0.2);
      const hands = chance(0.5) ? { left: { ...head, x: head.x - 150, y: head.y - 350 }, right: { ...head, x: head.x + 150, y: head.y - 350 } } : null;
      e.head = head;
      e.hands = hands;
      honest.room.sendBytes(ClientMessage.Pose, encodeFrame({ head, hands }));
    }
  }
}

// ------------------------------------------------------------------ the test

beforeAll(async () => {
  vi.spyOn(console, "warn").mockImplementation(() => undefined);
  vi.spyOn(console, "error").mockImplementation(() => undefined);
  vi.spyOn(console, "info").mockImplementation(() => undefined); // colyseus explains each refused reconnection
  // Exceptions that reached a room's handler boundary are failures even though the room survives them.
  const error = log.error.bind(log);
  vi.spyOn(log, "error").mockImplementation(((obj: unknown, msg?: string) => {
    roomErrors.push({ obj, msg });
    return error(obj as object, msg);
  }) as typeof log.error);
  hearth = await startHearth(
    loadConfig({ PORT: String(await freePort()), HOST: "127.0.0.1", CLIENT_DIR: "nonexistent", VOICE: "off", DATA_DIR: ":memory:", OPEN_CIRCLE_CAPACITY: String(CAPACITY) }),
  );
  wsUrl = `ws://127.0.0.1:${hearth.port}`;
});

afterAll(async () => {
  await hearth?.close();
});

describe(`fuzzing the circle room (seed ${SEED})`, () => {
  it(`survives ${MESSAGES} hostile messages with its invariants and honest views intact`, { timeout: 180_000 }, async () => {
    const honest = [await joinHonest("Quiet Otter", "#e07a5f"), await joinHonest("Steady Heron", "#81b29a"), await joinHonest("Gentle Oak", "#6d9dc5")].slice(0, HONEST);
    const hostiles = Array.from({ length: HOSTILES }, (_, i) => new Hostile(i));
    for (const hostile of hostiles) await hostile.join();
    const serverRoom = () => matchMaker.getLocalRoomById(honest[0]!.room.roomId) as CircleRoom;
    const tally = new Map<string, number>();
    let badJoins = 0;
    const failures: string[] = [];

    const checkpoint = async (at: number) => {
      await sleep(60); // a patch interval, so the honest clients have the latest state
      const problems = invariantProblems(serverRoom());
      if (problems.length) failures.push(`after ${at} messages: ${problems.join("; ")}`);
      const dropped = honest.filter((h) => h.dropped !== null);
      if (dropped.length) failures.push(`after ${at} messages: honest ${dropped.map((h) => `${h.name} (${h.dropped})`).join(", ")} lost their connection`);
      try {
        await waitFor("honest views to match", () => honest.every((v) => honest.every((o) => v === o || viewProblems(v, o).length === 0)), 3000);
      } catch {
        failures.push(`after ${at} messages: ${honest.flatMap((v) => honest.filter((o) => o !== v).flatMap((o) => viewProblems(v, o))).join("; ")}`);
      }
      if (failures.length) throw new Error(`Fuzz seed ${SEED}: ${failures.join("\n")}`);
      honestAction(pick(honest));
    };

    for (let sent = 0; sent < MESSAGES; ) {
      const ids = [...honest.map((h) => h.room.sessionId), ...hostiles.flatMap((h) => (h.room ? [h.room.sessionId] : []))];
      if (chance(0.01)) {
        // A malformed join: bad options, other circles, pollution keys, impersonation.
        const options = pick<Record<string, unknown>>([
          { circleId: OPEN_CIRCLE_ID, pseudonym: pick(["quiet otter", " QUIET  OTTER ", "Steady\u00a0Heron"]), color: "#e07a5f" },
          { circleId: OPEN_CIRCLE_ID, pseudonym: randomString(40), color: randomValue() },
          { circleId: randomString(80), pseudonym: "Someone", color: "#e07a5f" },
          { ...pollutingObject(), circleId: OPEN_CIRCLE_ID, pseudonym: "Polluter", color: "#e07a5f", extra: randomValue() },
          { circleId: OPEN_CIRCLE_ID, sessionId: randomString(20), pseudonym: "Sneaky", color: "#e07a5f" },
          { circleId: OPEN_CIRCLE_ID, pseudonym: "Keyed", color: "#e07a5f", participantKey: randomString(60), registrationId: randomString(64), inviteToken: randomString(100) },
        ]);
        // Most are refused; one that gets in (a pseudonym that only looks like another's) leaves again.
        await new Client(wsUrl).joinOrCreate(ROOM_NAME, options).then(
          (room) => room.leave(true),
          () => undefined,
        );
        badJoins++;
        sent++;
        continue;
      }
      const ready = hostiles.filter((h) => h.ready);
      if (ready.length === 0) {
        await Promise.race(hostiles.map((h) => h.reconnecting ?? sleep(50)));
        continue;
      }
      const kind = pick(ready).send(ids);
      tally.set(kind, (tally.get(kind) ?? 0) + 1);
      sent++;
      if (sent % 20 === 0) await sleep(1);
      if (sent % CHECK_EVERY === 0) await checkpoint(sent);
    }
    await checkpoint(MESSAGES);
    await Promise.all(hostiles.map((h) => h.reconnecting));

    // Still up and answering, and a newcomer is seated and sees the honest people as they are.
    expect((await fetch(`http://127.0.0.1:${hearth.port}/api/health`)).status).toBe(200);
    const newcomer = await joinHonest("Brave Wren", "#b388c9");
    await waitFor("the newcomer to see the honest people", () => honest.every((o) => viewProblems(newcomer, o).length === 0), 5000);
    expect(invariantProblems(serverRoom())).toEqual([]);
    expect(({} as Record<string, unknown>)[POLLUTION_KEY]).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty(POLLUTION_KEY);
    expect(roomErrors).toEqual([]);

    const stats = hostiles.reduce((sum, h) => ({ joins: sum.joins + h.stats.joins, reconnects: sum.reconnects + h.stats.reconnects, kicked: sum.kicked + h.stats.kicked, dropped: sum.dropped + h.stats.dropped }), { joins: 0, reconnects: 0, kicked: 0, dropped: 0 });
    const byKind = [...tally.entries()].sort((a, b) => b[1] - a[1]).map(([k, n]) => `${k}:${n}`).join(" ");
    console.log(`fuzz seed ${SEED}: ${MESSAGES} messages (${badJoins} malformed joins); hostile joins ${stats.joins}, reconnects ${stats.reconnects}, removed ${stats.kicked}, dropped ${stats.dropped}\n  ${byKind}`);
    expect(KNOWN_TYPES.every((type) => (tally.get(type.slice(0, 24)) ?? 0) > 100)).toBe(true);
    await Promise.all([...honest, newcomer].map((h) => h.room.leave(true)));
    await Promise.all(hostiles.map((h) => (h.room?.connection.isOpen ? h.room.leave(true) : undefined)));
  });
});
