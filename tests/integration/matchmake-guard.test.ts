import { matchMaker } from "@colyseus/core";
import { Client, type Room } from "colyseus.js";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { type HearthServer, startHearth } from "../../server/app.ts";
import { OPEN_CIRCLE_ID } from "../../server/circles/catalog.ts";
import { loadConfig } from "../../server/config.ts";
import { roomMaxClients } from "../../server/rooms/capacity.ts";
import type { CircleState } from "../../server/rooms/state.ts";
import { MATCHMAKE_BODY_LIMIT_BYTES } from "../../shared/limits.ts";
import { ROOM_NAME } from "../../shared/protocol.ts";
import { freePort } from "../support/free-port.ts";
import { waitFor } from "../support/wait.ts";

const CAPACITY = 4;
const COLOR = "#e07a5f";
let hearth: HearthServer;
let base: string;
const rooms: Room[] = [];

const matchmake = (path: string, body: string, headers: Record<string, string> = {}) =>
  fetch(`${base}/matchmake/${path}`, { method: "POST", headers: { "content-type": "application/json", ...headers }, body });
const listed = async () => (await matchMaker.query({ name: ROOM_NAME, circleId: OPEN_CIRCLE_ID }))[0];

async function join(pseudonym: string): Promise<Room<CircleState>> {
  const room = await new Client(base.replace("http", "ws")).joinOrCreate<CircleState>(ROOM_NAME, { circleId: OPEN_CIRCLE_ID, pseudonym, color: COLOR });
  rooms.push(room);
  await waitFor(`${pseudonym} seated`, () => room.state.participants?.get(room.sessionId));
  return room;
}

beforeAll(async () => {
  vi.spyOn(console, "warn").mockImplementation(() => undefined);
  const port = await freePort();
  hearth = await startHearth(loadConfig({
    PORT: String(port), HOST: "127.0.0.1", CLIENT_DIR: "nonexistent", VOICE: "off", DATA_DIR: ":memory:",
    OPEN_CIRCLE_CAPACITY: String(CAPACITY), TRUST_PROXY: "loopback",
  }));
  base = `http://127.0.0.1:${port}`;
});
afterEach(async () => {
  await Promise.all(rooms.splice(0).map((r) => r.leave().catch(() => undefined)));
});
afterAll(() => hearth?.close());

describe("when a join request is larger than 16 kB", () => {
  it("answers 413 with a JSON error and reserves nothing", async () => {
    const huge = JSON.stringify({ circleId: OPEN_CIRCLE_ID, pseudonym: "Quiet Otter", color: COLOR, padding: "x".repeat(MATCHMAKE_BODY_LIMIT_BYTES) });
    const response = await matchmake(`joinOrCreate/${ROOM_NAME}`, huge);
    expect(response.status).toBe(413);
    expect(await response.json()).toMatchObject({ error: expect.stringMatching(/16 kB/) });
    expect(await listed()).toBeUndefined();
  });

  it("refuses a 1 MB body without a Content-Length (chunked) too", async () => {
    const chunks = new ReadableStream({
      start(controller) {
        for (let i = 0; i < 64; i++) controller.enqueue(new TextEncoder().encode("x".repeat(16 * 1024)));
        controller.close();
      },
    });
    const response = await fetch(`${base}/matchmake/joinOrCreate/${ROOM_NAME}`, {
      method: "POST", headers: { "content-type": "application/json" }, body: chunks, duplex: "half",
    } as RequestInit);
    expect(response.status).toBe(413);
  });
});

describe("when join options are not valid", () => {
  it("refuses them before reserving a seat, naming the problem", async () => {
    const cases: [Record<string, unknown>, RegExp][] = [
      [{ circleId: OPEN_CIRCLE_ID, color: COLOR, pseudonym: "x" }, /pseudonym/],
      [{ circleId: OPEN_CIRCLE_ID, color: COLOR, pseudonym: "Quiet Otter", participantKey: "not-a-key" }, /participantKey/],
      [{ circleId: "no-such-circle", color: COLOR, pseudonym: "Quiet Otter" }, /no circle with this id/],
      [{ circleId: OPEN_CIRCLE_ID, color: COLOR, pseudonym: "Quiet Otter", role: "facilitator" }, /role/],
    ];
    for (const [options, problem] of cases) {
      const response = await matchmake(`joinOrCreate/${ROOM_NAME}`, JSON.stringify(options));
      expect([400, 404]).toContain(response.status);
      expect(((await response.json()) as { error: string }).error).toMatch(problem);
    }
    expect(await matchmake(`joinOrCreate/${ROOM_NAME}`, "{not json")).toHaveProperty("status", 400);
    expect(await listed()).toBeUndefined();
  });
});

describe("when one address bursts seat reservations that never connect", () => {
  it("keeps only a few of them, so a newcomer (from that address or another) still gets in", async () => {
    const first = await join("Quiet Otter");
    expect(hearth.gameServer).toBeDefined();
    const squatter = { "x-forwarded-for": "203.0.113.7" };
    for (let i = 0; i < 50; i++) {
      const response = await matchmake(`joinById/${first.roomId}`, JSON.stringify({ circleId: OPEN_CIRCLE_ID, pseudonym: `Squat ${i}`, color: COLOR }), squatter);
      expect(response.status).toBe(200);
    }
    expect((await listed())!.clients).toBeLessThan(roomMaxClients(CAPACITY));
    const newcomer = await join("Steady Heron");
    expect(newcomer.roomId).toBe(first.roomId);
    const alsoFromThatAddress = await matchmake(`joinById/${first.roomId}`, JSON.stringify({ circleId: OPEN_CIRCLE_ID, pseudonym: "Gentle Oak", color: COLOR }), squatter);
    expect(await alsoFromThatAddress.json()).toHaveProperty("sessionId");
  });

  it("leaves a dropped participant's held seat alone: they reconnect to it, and it is no ghost", { timeout: 60_000 }, async () => {
    const dropped = await join("Calm Lake");
    const { roomId, sessionId, reconnectionToken } = dropped;
    rooms.splice(rooms.indexOf(dropped), 1); // its connection is gone: nothing to leave
    (dropped.connection.transport as unknown as { ws: WebSocket }).ws.close(3000); // not a consented leave
    const server = matchMaker.getLocalRoomById(roomId)!;
    await waitFor("the seat to be held", () => server.state.participants.get(sessionId)?.connected === false);
    // The same address (the dropped person's own, soon after their join) makes more reservations than the guard keeps.
    for (let i = 0; i < 6; i++) {
      await matchmake(`joinById/${roomId}`, JSON.stringify({ circleId: OPEN_CIRCLE_ID, pseudonym: `Again ${i}`, color: COLOR }));
    }
    const back = await new Client(base.replace("http", "ws")).reconnect<CircleState>(reconnectionToken);
    rooms.push(back);
    expect(back.sessionId).toBe(sessionId);
    await waitFor("the seat to be theirs again", () => server.state.participants.get(sessionId)?.connected === true);
    // The burst's reservations never connect: let them expire so the next test finds the room open.
    await waitFor("the unconnected reservations to expire", () => Object.keys((server as unknown as { reservedSeats: object }).reservedSeats).length === 0, 30_000);
  });

  it("keeps the room's client limit to its seats plus a small margin", async () => {
    const room = await join("Bright Wren");
    expect(matchMaker.getLocalRoomById(room.roomId)!.maxClients).toBe(roomMaxClients(CAPACITY));
    expect(roomMaxClients(CAPACITY)).toBeLessThanOrEqual(CAPACITY + 4);
  });
});

describe("when a newcomer's pseudonym is a look-alike of someone's in the circle", () => {
  it("refuses the twin with a clear message, and seats a different name", async () => {
    await join("Sam Facilitates");
    await expect(join("\u0405am Facilitates")).rejects.toThrow(/already called/);
    await expect(join("\uff33am Facilitate\u200bs")).rejects.toThrow(/already called/);
    await expect(join("S\u0336am Facilitates")).rejects.toThrow(/already called/);
    expect((await join("Pam Facilitates")).roomId).toBeDefined();
  });
});
