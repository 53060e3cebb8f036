/**
 * Abuse resistance at the edges: poses at most POSE_MAX_HZ, actions a few per second, frames
 * no larger than MAX_MESSAGE_BYTES, and per-address limits on sign-in and registration.
 */
import type { Room } from "colyseus.js";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { type HearthServer, startHearth } from "../../server/app.ts";
import { OPEN_CIRCLE_ID } from "../../server/circles/catalog.ts";
import { loadConfig } from "../../server/config.ts";
import { HTTP_LIMITS } from "../../server/http/rate-limits.ts";
import type { CircleState } from "../../server/rooms/state.ts";
import { ACTION_BURST, MAX_MESSAGE_BYTES, POSE_MAX_HZ } from "../../shared/limits.ts";
import { encodeFrame } from "../../shared/pose-codec.ts";
import { ClientMessage, type ErrorReply, ServerMessage } from "../../shared/protocol.ts";
import { seatedHeadPose } from "../../shared/seats.ts";
import { freePort } from "../support/free-port.ts";
import { followPoses } from "../support/poses.ts";
import type { RemotePoses } from "../../shared/pose-relay.ts";
import { sleep, waitFor } from "../support/wait.ts";
import { enterCircle } from "../support/circle-client.ts";

const CAPACITY = 12;
let hearth: HearthServer;
let httpUrl: string;
const rooms: Room<CircleState>[] = [];

async function join(pseudonym: string): Promise<{ room: Room<CircleState>; errors: ErrorReply[]; poses: RemotePoses }> {
  const errors: ErrorReply[] = [];
  let poses!: RemotePoses;
  const room = await enterCircle(`ws://127.0.0.1:${hearth.port}`, { pseudonym }, (joined) => {
    rooms.push(joined);
    joined.onMessage(ServerMessage.Error, (reply: ErrorReply) => errors.push(reply));
    poses = followPoses(joined);
  });
  return { room, errors, poses };
}

/** Pose number `i` of a sequence: the same seat, a distinct small head turn, recognisable by its quaternion. */
const poseNumber = (seat: number, i: number) => seatedHeadPose(seat, CAPACITY, (i - 100) * 0.005);

beforeAll(async () => {
  vi.spyOn(console, "warn").mockImplementation(() => undefined);
  hearth = await startHearth(
    loadConfig({ PORT: String(await freePort()), HOST: "127.0.0.1", CLIENT_DIR: "nonexistent", VOICE: "off", DATA_DIR: ":memory:", TRUST_PROXY: "loopback" }),
  );
  httpUrl = `http://127.0.0.1:${hearth.port}`;
});
afterEach(async () => {
  await Promise.all(rooms.splice(0).map((room) => Promise.race([room.leave(true).catch(() => {}), sleep(500)])));
});
afterAll(() => hearth?.close());

describe("a client flooding the room", () => {
  it(`gets at most ${POSE_MAX_HZ} poses a second through; the rest are dropped quietly`, async () => {
    const flooder = await join("Quiet Otter");
    const observer = await join("Steady Heron");
    const id = flooder.room.sessionId;
    const seat = flooder.room.state.participants.get(id)!.seat;
    const seenAs = () => {
      const q = observer.poses.get(id)?.head.q;
      const i = Array.from({ length: 200 }, (_, n) => n).find((n) => poseNumber(seat, n).q === q);
      return i ?? -1;
    };

    // 100 poses at once: the burst allows POSE_MAX_HZ, so the last one applied is number POSE_MAX_HZ - 1.
    for (let i = 0; i < 100; i++) flooder.room.sendBytes(ClientMessage.Pose, encodeFrame({ head: poseNumber(seat, i), hands: null }));
    await waitFor("the observer to see the flood's outcome", () => seenAs() >= 0);
    await sleep(200);
    expect(seenAs()).toBeGreaterThanOrEqual(POSE_MAX_HZ - 1);
    expect(seenAs()).toBeLessThanOrEqual(POSE_MAX_HZ + 2); // a few tokens refill while the burst arrives
    expect(flooder.errors).toEqual([]); // dropped, not refused: no strikes for a fast headset

    // Sustained: half a second later about POSE_MAX_HZ / 2 tokens have come back, no more.
    await sleep(500 - 200);
    for (let i = 100; i < 200; i++) flooder.room.sendBytes(ClientMessage.Pose, encodeFrame({ head: poseNumber(seat, i), hands: null }));
    await waitFor("the observer to see the second flood", () => seenAs() >= 100);
    await sleep(200);
    const refilled = seenAs() - 100 + 1;
    expect(refilled).toBeGreaterThanOrEqual(POSE_MAX_HZ / 2 - 3);
    expect(refilled).toBeLessThanOrEqual(POSE_MAX_HZ / 2 + 3);
    expect(flooder.room.connection.isOpen).toBe(true);
  });

  it(`refuses actions beyond a burst of ${ACTION_BURST}, saying why`, async () => {
    const { room, errors } = await join("Quiet Otter");
    for (let i = 0; i < ACTION_BURST + 5; i++) room.send(ClientMessage.Away, { away: i % 2 === 0 });
    await waitFor("the refusals", () => errors.length >= 5);
    await sleep(100);
    expect(errors.map((e) => e.code)).toEqual(Array(errors.length).fill("rate_limited"));
    expect(errors.length).toBeGreaterThanOrEqual(4);
    expect(errors.length).toBeLessThanOrEqual(5);
    expect(room.connection.isOpen).toBe(true);
  });

  it(`closes a connection that sends a frame over ${MAX_MESSAGE_BYTES} bytes, and only that one`, async () => {
    const big = await join("Quiet Otter");
    const other = await join("Steady Heron");
    const closed = new Promise<number>((resolve) => big.room.onLeave(resolve));
    big.room.send(ClientMessage.RaiseHand, { raised: true, padding: "x".repeat(MAX_MESSAGE_BYTES) });
    expect(await closed).toBe(1009); // "message too big"
    other.room.send(ClientMessage.RaiseHand, { raised: true });
    await waitFor("the other to be served still", () => other.room.state.participants.get(other.room.sessionId)?.handRaised);
  });
});

describe("the sign-in, registration and join endpoints", () => {
  const post = (path: string, body: unknown, from: string) =>
    fetch(`${httpUrl}${path}`, { method: "POST", headers: { "content-type": "application/json", "x-forwarded-for": from }, body: JSON.stringify(body) });

  it("limit sign-in attempts per address across many emails", async () => {
    const { limit } = HTTP_LIMITS.signIn;
    for (let i = 0; i < limit; i++) {
      const reply = await post("/api/auth/sign-in", { email: `guess${i}@example.org`, password: "wrong password" }, "203.0.113.7");
      expect(reply.status).toBe(401);
    }
    const limited = await post("/api/auth/sign-in", { email: "another@example.org", password: "wrong password" }, "203.0.113.7");
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(((await limited.json()) as { error: string }).error).toMatch(/Too many sign-in attempts from your address/);
    // Another address is not affected.
    expect((await post("/api/auth/sign-in", { email: "another@example.org", password: "wrong password" }, "198.51.100.9")).status).toBe(401);
  });

  it("limit registrations per address", async () => {
    const { limit } = HTTP_LIMITS.registration;
    for (let i = 0; i < limit; i++) {
      const reply = await post("/api/sessions/no-such-session/registrations", { pseudonym: `Person ${i}` }, "203.0.113.8");
      expect(reply.status).not.toBe(429);
    }
    const limited = await post("/api/sessions/no-such-session/registrations", { pseudonym: "One More" }, "203.0.113.8");
    expect(limited.status).toBe(429);
    expect(((await limited.json()) as { error: string }).error).toMatch(/Too many registrations/);
  });

  it("limit join attempts per address, though Colyseus answers them itself", async () => {
    const { limit } = HTTP_LIMITS.matchmaking;
    // Asking for a room type that does not exist: Colyseus refuses each one, reserving nothing.
    const attempt = (from: string) => post("/matchmake/joinOrCreate/no-such-room", { circleId: OPEN_CIRCLE_ID }, from);
    const colyseusRefusal = /no-such-room/;
    for (let i = 0; i < limit; i++) {
      const reply = await attempt("203.0.113.9");
      expect(reply.status).not.toBe(429);
      expect(((await reply.json()) as { error?: string }).error).toMatch(colyseusRefusal);
    }
    const limited = await attempt("203.0.113.9");
    expect(limited.status).toBe(429);
    expect(((await limited.json()) as { error: string }).error).toMatch(/Too many attempts to join from your address/);
    // Another address still reaches Colyseus, and joins.
    expect(((await (await attempt("198.51.100.10")).json()) as { error?: string }).error).toMatch(colyseusRefusal);
    const { room } = await join("Gentle Oak");
    expect(room.connection.isOpen).toBe(true);
  });
});
