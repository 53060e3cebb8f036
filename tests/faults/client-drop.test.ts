/**
 * A client's socket dies (network drop, laptop lid, tunnel): it comes back to the same seat with
 * the same flags within the 30 s grace, and nobody takes the seat meanwhile.
 */
import "../support/node-ws-client.ts";
import { matchMaker } from "@colyseus/core";
import { Client, type Room } from "colyseus.js";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { type HearthServer, startHearth } from "../../server/app.ts";
import { loadConfig } from "../../server/config.ts";
import type { CircleState, Participant } from "../../server/rooms/state.ts";
import { MAX_MESSAGE_BYTES, RECONNECT_GRACE_SECONDS } from "../../shared/limits.ts";
import { encodeFrame } from "../../shared/pose-codec.ts";
import { ClientMessage, ROOM_NAME } from "../../shared/protocol.ts";
import { seatedHeadPose } from "../../shared/seats.ts";
import { freePort } from "../support/free-port.ts";
import { followPoses } from "../support/poses.ts";
import type { RemotePoses } from "../../shared/pose-relay.ts";
import { sleep, waitFor } from "../support/wait.ts";
import { enterCircle } from "../support/circle-client.ts";

const CAPACITY = 2;
let hearth: HearthServer;
let wsUrl: string;
const rooms: Room<CircleState>[] = [];

async function join(pseudonym: string, color = "#e07a5f"): Promise<{ client: Client; room: Room<CircleState>; poses: RemotePoses }> {
  const client = new Client(wsUrl);
  let poses!: RemotePoses;
  const room = await enterCircle(client, { pseudonym, color }, (joined) => {
    rooms.push(joined);
    poses = followPoses(joined);
  });
  return { client, room, poses };
}

/** Cuts the TCP connection under a client without a close handshake, as a dropped network does. */
function killSocket(room: Room): void {
  (room.connection.transport as unknown as { ws: { terminate(): void } }).ws.terminate();
}

const flags = (p: Participant | undefined) =>
  p && { seat: p.seat, pseudonym: p.pseudonym, color: p.color, handRaised: p.handRaised, away: p.away, muted: p.muted };

beforeAll(async () => {
  // colyseus.js warns about every connection that closes unexpectedly: here that is the point.
  vi.spyOn(console, "warn").mockImplementation(() => undefined);
  hearth = await startHearth(
    loadConfig({ PORT: String(await freePort()), HOST: "127.0.0.1", CLIENT_DIR: "nonexistent", VOICE: "off", DATA_DIR: ":memory:", OPEN_CIRCLE_CAPACITY: String(CAPACITY) }),
  );
  wsUrl = `ws://127.0.0.1:${hearth.port}`;
});
afterEach(async () => {
  // A killed connection's room never confirms a leave: do not wait for it.
  await Promise.all(rooms.splice(0).map((room) => Promise.race([room.leave(true).catch(() => {}), sleep(1000)])));
  for (let tries = 0; (await matchMaker.query({ name: ROOM_NAME })).some((room) => room.clients > 0); tries++) {
    if (tries > 100) throw new Error("The circle did not empty after the test.");
    await sleep(50);
  }
});
afterAll(() => hearth?.close());

describe("when a client's connection drops", () => {
  it("holds the seat, shows them as reconnecting, and gives the same seat and flags back", async () => {
    const a = await join("Quiet Otter");
    const b = await join("Steady Heron", "#81b29a");
    a.room.send(ClientMessage.RaiseHand, { raised: true });
    a.room.send(ClientMessage.Away, { away: true });
    a.room.send(ClientMessage.SelfMute, { muted: true });
    const id = a.room.sessionId;
    await waitFor("B to see A's flags", () => {
      const p = b.room.state.participants.get(id);
      return p?.handRaised && p.away && p.muted;
    });
    const before = flags(b.room.state.participants.get(id));

    const droppedAt = Date.now();
    killSocket(a.room);
    await waitFor("B to see A as reconnecting", () => b.room.state.participants.get(id)?.connected === false);
    // The seat is held: in a circle of two, a newcomer is refused rather than seated in it.
    await expect(join("Gentle Oak", "#6d9dc5")).rejects.toThrow(/circle is full/);

    const back = await a.client.reconnect<CircleState>(a.room.reconnectionToken);
    const posesBack = followPoses(back);
    rooms.push(back);
    expect(back.sessionId).toBe(id);
    await waitFor("B to see A connected again", () => b.room.state.participants.get(id)?.connected === true);
    expect(Date.now() - droppedAt).toBeLessThan(RECONNECT_GRACE_SECONDS * 1000);
    expect(flags(b.room.state.participants.get(id))).toEqual(before);
    await waitFor("A's own view", () => back.state.participants?.get(id));
    expect(flags(back.state.participants.get(id))).toEqual(before);

    // And the connection works again both ways.
    const head = seatedHeadPose(before!.seat, CAPACITY, -0.3);
    back.sendBytes(ClientMessage.Pose, encodeFrame({ head, hands: null }));
    await waitFor("B to see A's new pose", () => b.poses.get(id)?.head.q === head.q);
    // The new connection is sent everyone's pose again, though nobody moved.
    await waitFor("A to get B's pose again", () => posesBack.get(b.room.sessionId));
    b.room.send(ClientMessage.RaiseHand, { raised: true });
    await waitFor("A to see B's hand", () => back.state.participants.get(b.room.sessionId)?.handRaised);
  });

  it("still returns the seat after several drops in a row", async () => {
    const a = await join("Quiet Otter");
    const id = a.room.sessionId;
    const seat = a.room.state.participants.get(id)!.seat;
    let room = a.room;
    for (let i = 0; i < 3; i++) {
      killSocket(room);
      await sleep(300);
      room = await a.client.reconnect<CircleState>(room.reconnectionToken);
      rooms.push(room);
      expect(room.sessionId).toBe(id);
    }
    await waitFor("A's own view", () => room.state.participants?.get(id));
    expect(room.state.participants.get(id)!.seat).toBe(seat);
    expect(room.state.participants.size).toBe(1);
  });

  it("refuses a reconnection token that was never issued", async () => {
    const a = await join("Quiet Otter");
    await expect(a.client.reconnect(`${a.room.roomId}:not-a-token`)).rejects.toThrow(/invalid or expired/);
    expect(a.room.state.participants.size).toBe(1);
  });

  it("holds no seat for a connection closed for breaking the protocol, so the circle stays open", async () => {
    const a = await join("Quiet Otter");
    const b = await join("Steady Heron");
    const ws = (b.room.connection.transport as unknown as { ws: { send(data: Uint8Array): void } }).ws;
    const closed = new Promise<number>((resolve) => b.room.onLeave(resolve));
    ws.send(new Uint8Array(MAX_MESSAGE_BYTES + 1)); // over the frame limit: the server's socket closes it
    expect(await closed).toBe(1009);
    await waitFor("B's seat to be freed at once", () => a.room.state.participants.size === 1, 3000);
    // The circle (capacity 2) has room again now, not after the 30 s grace.
    const c = await join("Gentle Oak");
    expect(c.room.state.participants.size).toBe(2);
    await expect(b.client.reconnect(b.room.reconnectionToken)).rejects.toThrow();
  });
});
