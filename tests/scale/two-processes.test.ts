/**
 * Scale-out: two Hearth processes sharing rooms through a real Redis. Whichever process a
 * client asks, it is seated in the one live room of its circle, on the process that holds it.
 */
import { Client, type Room } from "colyseus.js";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { OPEN_CIRCLE_ID } from "../../server/circles/catalog.ts";
import { HTTP_LIMITS } from "../../server/http/rate-limits.ts";
import type { CircleState } from "../../server/rooms/state.ts";
import { encodeFrame } from "../../shared/pose-codec.ts";
import type { CheckInTicket } from "../../shared/checkins.ts";
import { ClientMessage, ROOM_NAME, ServerMessage } from "../../shared/protocol.ts";
import { seatedHeadPose } from "../../shared/seats.ts";
import { type HearthProcess, startHearthProcess } from "../support/hearth-process.ts";
import { startTestRedis, type TestRedis } from "../support/redis.ts";
import { sleep, waitFor } from "../support/wait.ts";
import { followPoses } from "../support/poses.ts";
import type { RemotePoses } from "../../shared/pose-relay.ts";

const CAPACITY = 6;
let redis: TestRedis;
let first: HearthProcess;
let second: HearthProcess;
const rooms: Room<CircleState>[] = [];
const poses = new Map<Room, RemotePoses>();

async function joinThrough(server: HearthProcess, pseudonym: string, color = "#e07a5f"): Promise<Room<CircleState>> {
  const room = await new Client(server.wsUrl).joinOrCreate<CircleState>(ROOM_NAME, { circleId: OPEN_CIRCLE_ID, pseudonym, color });
  rooms.push(room);
  poses.set(room, followPoses(room));
  await waitFor(`${pseudonym}'s first state`, () => room.state.participants?.get(room.sessionId));
  return room;
}

/** host:port of the process a room's WebSocket is connected to. */
function connectedTo(room: Room): string {
  const ws = (room.connection.transport as unknown as { ws: { url: string } }).ws;
  return new URL(ws.url).host;
}

beforeAll(async () => {
  vi.spyOn(console, "warn").mockImplementation(() => undefined); // colyseus.js on the refused join
  redis = await startTestRedis();
  const env = {
    REDIS_URL: redis.url,
    VOICE: "off",
    DATA_DIR: ":memory:",
    OPEN_CIRCLE_CAPACITY: String(CAPACITY),
    REDIS_SWEEP_SECONDS: "1",
    // Signs the check-in tokens that either process may be handed (the README: every process the same).
    TICKET_SECRET: "two-processes-ticket-secret-0123456789abcdef",
    // The limits test speaks for other addresses through X-Forwarded-For.
    TRUST_PROXY: "loopback",
  };
  // One after the other: both register with Redis before anyone joins.
  first = await startHearthProcess(env);
  second = await startHearthProcess(env);
});

afterAll(async () => {
  // Rooms on a process that was killed never confirm a leave: do not wait for them.
  await Promise.all(rooms.map((room) => Promise.race([room.leave(true).catch(() => {}), sleep(500)])));
  await Promise.all([first?.stop(), second?.stop()]);
  await redis?.stop();
});

describe("with two server processes sharing Redis", () => {
  it("seats A (through process 1) and B (through process 2) in the same circle, and they see each other", async () => {
    const a = await joinThrough(first, "Quiet Otter");
    const b = await joinThrough(second, "Steady Heron", "#81b29a");

    expect(b.roomId).toBe(a.roomId);
    // B asked process 2, but is connected to the process that holds the room.
    expect(connectedTo(b)).toBe(connectedTo(a));
    expect([`127.0.0.1:${first.port}`, `127.0.0.1:${second.port}`]).toContain(connectedTo(a));

    const bSeenByA = await waitFor("A to see B", () => a.state.participants.get(b.sessionId));
    const aSeenByB = await waitFor("B to see A", () => b.state.participants.get(a.sessionId));
    expect(bSeenByA.pseudonym).toBe("Steady Heron");
    expect(aSeenByB.pseudonym).toBe("Quiet Otter");
    expect(bSeenByA.seat).not.toBe(aSeenByB.seat);

    // B moves its head; A sees exactly that pose.
    const seat = b.state.participants.get(b.sessionId)!.seat;
    const head = seatedHeadPose(seat, CAPACITY, 0.4, 0.1);
    b.sendBytes(ClientMessage.Pose, encodeFrame({ head, hands: null }));
    await waitFor("A to see B's new pose", () => {
      const seen = poses.get(a)?.get(b.sessionId)?.head;
      return seen && seen.x === head.x && seen.y === head.y && seen.z === head.z && seen.q === head.q;
    });
  });

  it("keeps one authority for the circle: a taken pseudonym is refused through either process", async () => {
    const a = await waitFor("A from the first test", () => rooms[0]);
    await expect(joinThrough(second, "QUIET otter")).rejects.toThrow(/already called/);
    const c = await joinThrough(first, "Gentle Oak", "#6d9dc5");
    expect(c.roomId).toBe(a.roomId);
    await waitFor("A to see three people", () => a.state.participants.size === 3);
  });

  it("lists the circle's occupancy the same through both processes", async () => {
    for (const server of [first, second]) {
      const body = (await (await fetch(`${server.httpUrl}/api/circles`)).json()) as { circles: { id: string; seated: number }[] };
      expect(body.circles.find((c) => c.id === OPEN_CIRCLE_ID)?.seated).toBe(3);
    }
  });

  it("counts an address's requests across both processes", async () => {
    const { limit } = HTTP_LIMITS.registration;
    const register = (server: HearthProcess) =>
      fetch(`${server.httpUrl}/api/sessions/no-such-session/registrations`, {
        method: "POST",
        headers: { "content-type": "application/json", "x-forwarded-for": "203.0.113.21" },
        body: JSON.stringify({ pseudonym: "Steady Heron" }),
      });
    for (let i = 0; i < limit; i++) expect((await register(i % 2 === 0 ? first : second)).status).not.toBe(429);
    for (const server of [first, second]) expect((await register(server)).status).toBe(429);
  });

  it("counts an after-session check-in once, whichever process the page reaches", async () => {
    const room = rooms[0]!;
    const tickets: CheckInTicket[] = [];
    room.onMessage(ServerMessage.CheckInToken, (t: CheckInTicket) => tickets.push(t));
    room.send(ClientMessage.CheckInTicket, {});
    await waitFor("the check-in token", () => tickets.length > 0);
    const post = (server: HearthProcess) =>
      fetch(`${server.httpUrl}/api/checkins`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ token: tickets[0]!.token, moment: "after", mood: 4 }),
      });
    expect((await post(first)).status).toBe(201);
    const again = await post(second);
    expect(again.status).toBe(409);
    expect(((await again.json()) as { error: string }).error).toMatch(/already checked in/);
    expect((await post(first)).status).toBe(409);
  });

  it("forgets a crashed process's circle, and seats a newcomer through the survivor", async () => {
    const a = rooms[0]!;
    const holder = connectedTo(a) === `127.0.0.1:${first.port}` ? first : second;
    const survivor = holder === first ? second : first;
    const gone = a.roomId;
    await holder.stop("SIGKILL");
    // Nobody joins: the survivor's sweep finds the dead process silent and drops its room from Redis.
    await waitFor(
      "the survivor to stop listing the dead circle's people",
      async () => {
        const body = (await (await fetch(`${survivor.httpUrl}/api/circles`)).json()) as { circles: { id: string; seated: number }[] };
        return body.circles.find((c) => c.id === OPEN_CIRCLE_ID)?.seated === 0;
      },
      15_000,
    );
    const started = Date.now();
    // Matchmade with fetch: colyseus.js in Node goes through http's global agent, whose sockets
    // give up after 5 s of silence, and this join first waits out the dead process (about 4 s).
    const reply = await fetch(`${survivor.httpUrl}/matchmake/joinOrCreate/${ROOM_NAME}`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ circleId: OPEN_CIRCLE_ID, pseudonym: "Brave Wren", color: "#b388c9" }),
    });
    const reservation = (await reply.json()) as Parameters<Client["consumeSeatReservation"]>[0] & { error?: string };
    if (reservation.error) throw new Error(`${reservation.error}\nThe surviving process said:\n${survivor.output().slice(-3000)}`);
    const room = await new Client(survivor.wsUrl).consumeSeatReservation<CircleState>(reservation);
    rooms.push(room);
    expect(room.roomId).not.toBe(gone);
    expect(connectedTo(room)).toBe(`127.0.0.1:${survivor.port}`);
    expect(Date.now() - started).toBeLessThan(15_000);
    const again = await joinThrough(holder === first ? second : first, "Quiet Otter");
    expect(again.roomId).toBe(room.roomId);
  });
});
