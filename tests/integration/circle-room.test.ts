import { matchMaker } from "@colyseus/core";
import { ColyseusTestServer } from "@colyseus/testing";
import type { Room } from "colyseus.js";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { type HearthServer, startHearth } from "../../server/app.ts";
import { OPEN_CIRCLE_ID } from "../../server/circles/catalog.ts";
import { loadConfig } from "../../server/config.ts";
import type { CircleState, Participant } from "../../server/rooms/state.ts";
import { AVATAR_COLORS } from "../../shared/avatar.ts";
import { newParticipantKey } from "../../shared/participant-key.ts";
import { MAX_PENDING_RESERVATIONS_PER_ADDRESS, SEAT_SPACING } from "../../shared/limits.ts";
import { encodeFrame, packQuaternion, type QuantisedPose } from "../../shared/pose-codec.ts";
import { CloseCode, type ErrorCode, type ErrorReply, ROOM_NAME, ServerMessage } from "../../shared/protocol.ts";
import { seatedHeadPose, seatTransform } from "../../shared/seats.ts";
import { freePort } from "../support/free-port.ts";
import { followPoses } from "../support/poses.ts";
import type { RemotePoses } from "../../shared/pose-relay.ts";
import { sleep, waitFor } from "../support/wait.ts";
import { enterCircle } from "../support/circle-client.ts";

const CAPACITY = 3;
let hearth: HearthServer;
let colyseus: ColyseusTestServer;

interface Seated {
  room: Room<CircleState>;
  /** Error replies the server sent to this client, in order. */
  errors: ErrorReply[];
  /** Everyone else's poses as this client received them. */
  poses: RemotePoses;
}

async function join(pseudonym: string, options: Record<string, unknown> = {}): Promise<Seated> {
  const errors: ErrorReply[] = [];
  let poses!: RemotePoses;
  const room = await enterCircle(colyseus.sdk, { pseudonym, ...options }, (joined) => {
    joined.onMessage(ServerMessage.Error, (reply: ErrorReply) => errors.push(reply));
    poses = followPoses(joined);
  });
  return { room, errors, poses };
}

/** `who` as `viewer` currently sees them. */
const seen = (viewer: Seated, who: Seated | string): Participant | undefined =>
  viewer.room.state.participants.get(typeof who === "string" ? who : who.room.sessionId);
const snapshot = (viewer: Seated): Record<string, unknown> => viewer.room.state.toJSON();
/** `who`'s latest pose as `viewer` received it. */
const poseOf = (viewer: Seated, who: Seated) => viewer.poses.get(who.room.sessionId);

/** colyseus.js warns on every refused join; those are expected here. */
function hideExpectedClientWarnings(): void {
  const expected = /^(colyseus\.js - onError|Room connection was closed unexpectedly)/;
  const warn = console.warn.bind(console);
  vi.spyOn(console, "warn").mockImplementation((...args: unknown[]) => {
    if (!expected.test(String(args[0]))) warn(...args);
  });
}

beforeAll(async () => {
  hideExpectedClientWarnings();
  const port = await freePort();
  hearth = await startHearth(
    loadConfig({
      PORT: String(port),
      HOST: "127.0.0.1",
      CLIENT_DIR: "nonexistent",
      OPEN_CIRCLE_CAPACITY: String(CAPACITY),
      VOICE: "off",
    }),
  );
  colyseus = new ColyseusTestServer(hearth.gameServer);
});
afterEach(() => colyseus.cleanup());
afterAll(() => hearth?.close());

describe("when someone joins the open circle", () => {
  it("gives them a seat and shows them to everyone already there", async () => {
    const a = await join("Quiet Otter");
    const b = await join("Steady Heron", { color: "#81b29a" });

    const bSeenByA = await waitFor("A to see B", () => seen(a, b));
    expect(bSeenByA.pseudonym).toBe("Steady Heron");
    expect(bSeenByA.color).toBe("#81b29a");
    expect(bSeenByA.connected).toBe(true);
    expect(seen(b, a)?.pseudonym).toBe("Quiet Otter");
    expect(seen(b, a)?.seat).toBe(seen(a, a)?.seat);
    expect(a.room.state.capacity).toBe(CAPACITY);
    expect(a.room.state.circleId).toBe(OPEN_CIRCLE_ID);
  });

  it("spreads people over distinct seats, each head at its own seat", async () => {
    const people = [await join("Quiet Otter"), await join("Steady Heron"), await join("Gentle Oak")];
    const viewer = people[0]!;
    await waitFor("everyone to be seen", () => viewer.room.state.participants.size === 3);

    const seats = people.map((p) => seen(viewer, p)!.seat);
    expect(new Set(seats).size).toBe(3);
    // Nobody is sent their own pose: the first person's comes from the second.
    const heads = await Promise.all(
      people.map((p, i) => waitFor("the seated head pose", () => poseOf(i === 0 ? people[1]! : viewer, p)?.head)),
    );
    heads.forEach((head, i) => {
      const seat = seatTransform(seats[i]!, CAPACITY);
      expect(head.x / 1000).toBeCloseTo(seat.x, 2);
      expect(head.z / 1000).toBeCloseTo(seat.z, 2);
    });
    const [h0, h1] = heads;
    expect(Math.hypot(h0!.x - h1!.x, h0!.z - h1!.z) / 1000).toBeGreaterThan(SEAT_SPACING);
    expect(poseOf(viewer, viewer)).toBeUndefined();
  });

  it("keeps pseudonyms unique regardless of case and spacing, and says why", async () => {
    const a = await join("Quiet Otter");
    await expect(join("  quiet   OTTER ")).rejects.toThrow(/already called "quiet OTTER".*choose another pseudonym/);
    await join("Quiet Otters");
    await waitFor("two people seated", () => a.room.state.participants.size === 2);
  });

  it("gives two newcomers who ask for the same colour different colours, keeping a free one as asked", async () => {
    const a = await join("Quiet Otter", { color: "#e07a5f" });
    const b = await join("Steady Heron", { color: "#e07a5f" });
    const c = await join("Gentle Oak", { color: "#6d9dc5" });
    await waitFor("A to see everyone", () => a.room.state.participants.size === 3);

    const colors = [a, b, c].map((p) => seen(a, p)!.color);
    expect(colors[0]).toBe("#e07a5f");
    expect(colors[1]).not.toBe("#e07a5f");
    expect(AVATAR_COLORS).toContain(colors[1]);
    expect(colors[2]).toBe("#6d9dc5");
    expect(new Set(colors).size).toBe(3);
    expect(seen(b, b)?.color).toBe(colors[1]);
  });

  it("refuses a circle that does not exist", async () => {
    await expect(join("Quiet Otter", { circleId: "no-such-circle" })).rejects.toThrow(/no circle with this id/);
  });

  it("refuses an avatar colour that is not on offer", async () => {
    await expect(join("Quiet Otter", { color: "#000000" })).rejects.toThrow(/offered avatar colours/);
  });
});

describe("when the circle is full", () => {
  it("refuses the next join with a clear reason and leaves everyone else seated", async () => {
    const [a] = [await join("Quiet Otter"), await join("Steady Heron"), await join("Gentle Oak")];
    await expect(join("Warm Ember")).rejects.toThrow(/circle is full \(3 of 3/);
    await sleep(150);
    expect(a!.room.state.participants.size).toBe(3);
  });
});

describe("when someone leaves", () => {
  it("frees their seat for the next person", async () => {
    const [a, b] = [await join("Quiet Otter"), await join("Steady Heron"), await join("Gentle Oak")];
    const freed = seen(b!, b!)!.seat;
    await waitFor("A to see B", () => seen(a!, b!));
    await b!.room.leave();
    await waitFor("A to see B leave", () => !seen(a!, b!.room.sessionId));

    const d = await join("Warm Ember");
    expect(seen(d, d)?.seat).toBe(freed);
  });
});

describe("when a connection drops", () => {
  it("holds the seat and flags for a reconnect, showing the person as disconnected meanwhile", async () => {
    const a = await join("Quiet Otter");
    const b = await join("Steady Heron");
    a.room.send("raiseHand", { raised: true });
    a.room.send("selfMute", { muted: true });
    await waitFor("B to see A's flags", () => seen(b, a)?.handRaised && seen(b, a)?.muted);
    const { sessionId, reconnectionToken } = a.room;
    const seat = seen(b, a)!.seat;

    const closed = new Promise<number>((resolve) => a.room.onLeave(resolve));
    a.room.connection.close(4999); // not a consented leave
    expect(await closed).toBe(4999);
    await waitFor("B to see A disconnected", () => seen(b, sessionId)?.connected === false);
    expect(seen(b, sessionId)).toMatchObject({ seat, handRaised: true, muted: true });

    const newcomer = await join("Gentle Oak");
    expect(seen(newcomer, newcomer)?.seat).not.toBe(seat);

    const back = await colyseus.sdk.reconnect<CircleState>(reconnectionToken);
    expect(back.sessionId).toBe(sessionId);
    await waitFor("B to see A back", () => seen(b, sessionId)?.connected === true);
    expect(seen(b, sessionId)).toMatchObject({ seat, handRaised: true, muted: true, pseudonym: "Quiet Otter" });
    await waitFor("A's own state after reconnecting", () => back.state.participants?.get(sessionId)?.seat === seat);
  });
});

describe("when the same device comes straight back while its seat is held", () => {
  const dropped = async (who: Seated) => {
    const closed = new Promise<number>((resolve) => who.room.onLeave(resolve));
    who.room.connection.close(4999); // a crashed tab: not a consented leave
    await closed;
  };

  it("lets it take its held seat back under the same pseudonym, leaving no ghost behind", async () => {
    const key = newParticipantKey();
    const a = await join("Quiet Otter", { participantKey: key });
    const b = await join("Steady Heron");
    await waitFor("B to see A", () => seen(b, a));
    const [oldId, seat] = [a.room.sessionId, seen(b, a)!.seat];
    await dropped(a);
    await waitFor("B to see A disconnected", () => seen(b, oldId)?.connected === false);

    const again = await join("Quiet Otter", { participantKey: key });
    expect(again.room.sessionId).not.toBe(oldId);
    await waitFor("B to see A back", () => seen(b, again)?.connected === true);
    expect(seen(b, again)).toMatchObject({ seat, pseudonym: "Quiet Otter" });
    expect(seen(b, oldId)).toBeUndefined();
    expect(b.room.state.participants.size).toBe(2);
  });

  it("still refuses the held name to another device, and to a second window while the first is connected", async () => {
    const key = newParticipantKey();
    const a = await join("Quiet Otter", { participantKey: key });
    await expect(join("Quiet Otter", { participantKey: key })).rejects.toThrow(/already called "Quiet Otter"/);
    await join("Bright Finch", { participantKey: key }); // a second window joins as a separate person
    await dropped(a);
    await expect(join("Quiet Otter", { participantKey: newParticipantKey() })).rejects.toThrow(/already called "Quiet Otter"/);
    await expect(join("Quiet Otter")).rejects.toThrow(/already called "Quiet Otter"/);
  });
});

describe("when a client sends an invalid message", () => {
  const atTheFire: QuantisedPose = { x: 0, y: 1150, z: 0, q: packQuaternion({ x: 0, y: 0, z: 0, w: 1 }) };
  const badFlags = encodeFrame({ head: atTheFire, hands: null });
  badFlags[0] = 2;
  const poseAtTheFire = encodeFrame({ head: atTheFire, hands: null });
  const invalid = (code: ErrorCode, type: string) => ({ code, type });
  const cases: { name: string; send: (room: Room) => void; reply: Partial<ErrorReply>; message: RegExp }[] = [
    { name: "a pose of the wrong length", send: (r) => r.sendBytes("pose", new Uint8Array(5)),
      reply: invalid("invalid_message", "pose"), message: /11 or 31 bytes/ },
    { name: "a pose with unknown flags", send: (r) => r.sendBytes("pose", badFlags),
      reply: invalid("invalid_message", "pose"), message: /Malformed/ },
    { name: "a pose that is not bytes", send: (r) => r.send("pose", { x: 1 }),
      reply: invalid("invalid_message", "pose"), message: /sent as bytes/ },
    { name: "a pose at the fire, far from the seat", send: (r) => r.sendBytes("pose", poseAtTheFire),
      reply: invalid("invalid_message", "pose"), message: /too far from your seat/ },
    { name: "raiseHand with a non-boolean", send: (r) => r.send("raiseHand", { raised: "yes" }),
      reply: invalid("invalid_message", "raiseHand"), message: /^raised: / },
    { name: "away with an extra key", send: (r) => r.send("away", { away: true, teleport: true }),
      reply: invalid("invalid_message", "away"), message: /teleport/ },
    { name: "selfMute without its field", send: (r) => r.send("selfMute", {}),
      reply: invalid("invalid_message", "selfMute"), message: /^muted: / },
    { name: "selfMute with no payload", send: (r) => r.send("selfMute"),
      reply: invalid("invalid_message", "selfMute"), message: /object/ },
    { name: "an unknown message type", send: (r) => r.send("teleport", { to: "fire" }),
      reply: invalid("unknown_message", "teleport"), message: /Unknown message type "teleport"/ },
    { name: "unknown bytes", send: (r) => r.sendBytes("blob", new Uint8Array(3)),
      reply: invalid("unknown_message", "blob"), message: /Unknown message type "blob"/ },
  ];

  it.each(cases)("refuses $name with a typed error and changes nothing", async ({ send, reply, message }) => {
    const a = await join("Quiet Otter");
    const b = await join("Steady Heron");
    await waitFor("B to see A", () => seen(b, a));
    const before = snapshot(b);

    send(a.room);
    const error = await waitFor("an error reply", () => a.errors[0]);
    expect(error).toMatchObject(reply);
    expect(error.message).toMatch(message);

    // A valid flag sent afterwards is a marker: once B sees it, B has seen every earlier change.
    a.room.send("raiseHand", { raised: true });
    await waitFor("B to see the marker", () => seen(b, a)?.handRaised);
    const expected = structuredClone(before) as { handQueue: string[]; participants: Record<string, { handRaised: boolean }> };
    expected.participants[a.room.sessionId]!.handRaised = true;
    expected.handQueue = [a.room.sessionId]; // a raised hand joins the queue
    expect(snapshot(b)).toEqual(expected);
    expect(a.errors).toHaveLength(1);
  });

  it("disconnects a client that keeps flooding invalid messages, and only that client", async () => {
    const a = await join("Quiet Otter");
    const b = await join("Steady Heron");
    const closed = new Promise<number>((resolve) => a.room.onLeave(resolve));
    for (let i = 0; i < 100; i++) a.room.send("teleport", { i });

    expect(await closed).toBe(CloseCode.Removed);
    expect(a.errors.length).toBeGreaterThan(0);
    expect(a.errors.length).toBeLessThan(100);
    expect(b.room.connection.isOpen).toBe(true);
    b.room.send("raiseHand", { raised: true });
    await waitFor("B to still be served", () => seen(b, b)?.handRaised);
  });

  it("frees a removed client's seat at once and refuses its reconnection token", async () => {
    const a = await join("Quiet Otter");
    const b = await join("Steady Heron");
    const { sessionId, reconnectionToken } = a.room;
    const closed = new Promise<number>((resolve) => a.room.onLeave(resolve));
    for (let i = 0; i < 100; i++) a.room.send("teleport", { i });
    expect(await closed).toBe(CloseCode.Removed);

    await waitFor("B to see A's seat freed", () => !b.room.state.participants.get(sessionId));
    await expect(colyseus.sdk.reconnect(reconnectionToken)).rejects.toThrow();
  });
});

describe("when a client sends a valid pose", () => {
  it("shows the new head pose to the others", async () => {
    const a = await join("Quiet Otter");
    const b = await join("Steady Heron");
    const seat = seen(a, a)!.seat;
    const head = seatedHeadPose(seat, CAPACITY, 0.4, 0.1);
    await waitFor("B to get A's seated pose", () => poseOf(b, a));
    expect(poseOf(b, a)?.head.q).not.toBe(head.q);

    a.room.sendBytes("pose", encodeFrame({ head, hands: null }));
    await waitFor("B to see A's new head", () => poseOf(b, a)?.head.q === head.q);
    expect(poseOf(b, a)).toEqual({ head, hands: null });
    expect(a.errors).toEqual([]);
  });

  it("shows tracked hands to the others", async () => {
    const a = await join("Quiet Otter");
    const b = await join("Steady Heron");
    const head = seatedHeadPose(seen(a, a)!.seat, CAPACITY);
    const left = { ...head, x: head.x - 250, y: head.y - 450 };
    const right = { ...head, x: head.x + 250, y: head.y - 450 };

    a.room.sendBytes("pose", encodeFrame({ head, hands: { left, right } }));
    await waitFor("B to see A's hands", () => poseOf(b, a)?.hands);
    expect(poseOf(b, a)).toEqual({ head, hands: { left, right } });
  });

  it("gives a newcomer everyone's current pose, and sends a pose that did not change only once", async () => {
    const a = await join("Quiet Otter");
    const b = await join("Steady Heron");
    const head = seatedHeadPose(seen(a, a)!.seat, CAPACITY, -0.3, 0.2);
    a.room.sendBytes("pose", encodeFrame({ head, hands: null }));
    await waitFor("B to see A's new head", () => poseOf(b, a)?.head.q === head.q);

    const c = await join("Gentle Oak");
    await waitFor("the newcomer to get A's current pose", () => poseOf(c, a)?.head.q === head.q);
    await waitFor("the newcomer to get B's seated pose", () => poseOf(c, b));

    let messages = 0;
    c.room.onMessage(ServerMessage.Poses, () => messages++);
    for (let i = 0; i < 3; i++) a.room.sendBytes("pose", encodeFrame({ head, hands: null }));
    await sleep(300);
    expect(messages).toBe(0);
  });

});

describe("the HTTP API", () => {
  const api = (path: string) => fetch(`http://127.0.0.1:${hearth.port}/api${path}`);

  it("reports health", async () => {
    const res = await api("/health");
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true });
  });

  it("lists the open circle with how many are seated, not counting refused joins", async () => {
    const openCircle = async () => {
      const body = (await (await api("/circles")).json()) as { circles: Record<string, unknown>[] };
      expect(body.circles).toHaveLength(1);
      return body.circles[0];
    };
    expect(await openCircle()).toEqual({
      id: OPEN_CIRCLE_ID,
      title: "Open circle",
      description: expect.any(String),
      capacity: CAPACITY,
      seated: 0,
    });

    await join("Quiet Otter");
    await join("Steady Heron");
    expect(await openCircle()).toMatchObject({ seated: 2 });
    await join("Gentle Oak");
    await expect(join("Warm Ember")).rejects.toThrow(/full/);
    expect(await openCircle()).toMatchObject({ seated: 3 });
  });

  it("answers unknown API paths with a JSON 404", async () => {
    const res = await api("/nope");
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({ error: "Not found." });
  });
});

describe("when someone floods a circle with seat reservations", () => {
  it("never locks a newcomer out, and never seats them in a second, empty copy of the circle", async () => {
    const a = await join("Quiet Otter");
    // Reserve seats over HTTP, as a script would, and never connect: one address holds only a few.
    for (let reserved = 0; reserved < 40; reserved++) {
      const reply = await fetch(`http://127.0.0.1:${hearth.port}/matchmake/joinById/${a.room.roomId}`, {
        method: "POST",
        headers: { "content-type": "application/json", accept: "application/json" },
        body: JSON.stringify({ circleId: OPEN_CIRCLE_ID, pseudonym: `Flood ${reserved}`, color: "#e07a5f" }),
      });
      expect(await reply.json()).toHaveProperty("sessionId");
    }
    const [listed] = await matchMaker.query({ name: ROOM_NAME, circleId: OPEN_CIRCLE_ID });
    expect(listed!.clients).toBeLessThanOrEqual(1 + MAX_PENDING_RESERVATIONS_PER_ADDRESS);

    const b = await join("Steady Heron");
    expect(b.room.roomId).toBe(a.room.roomId);
    const rooms = await matchMaker.query({ name: ROOM_NAME, circleId: OPEN_CIRCLE_ID });
    expect(rooms.map((room) => room.roomId)).toEqual([a.room.roomId]);
  });
});
