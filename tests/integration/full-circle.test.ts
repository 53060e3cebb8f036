import { Client, type Room } from "colyseus.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type HearthServer, startHearth } from "../../server/app.ts";
import { loadConfig } from "../../server/config.ts";
import type { CircleState } from "../../server/rooms/state.ts";
import { CIRCLE_CAPACITY_MAX } from "../../shared/limits.ts";
import { decodeFrame, encodeFrame, quantisePose } from "../../shared/pose-codec.ts";
import type { RemotePoses } from "../../shared/pose-relay.ts";
import { ClientMessage } from "../../shared/protocol.ts";
import { seatTransform } from "../../shared/seats.ts";
import { freePort } from "../support/free-port.ts";
import { followPoses } from "../support/poses.ts";
import { waitFor } from "../support/wait.ts";
import { enterCircle } from "../support/circle-client.ts";

let hearth: HearthServer;
let client: Client;
const rooms: Room<CircleState>[] = [];
const poses = new Map<Room<CircleState>, RemotePoses>();

beforeAll(async () => {
  const port = await freePort();
  hearth = await startHearth(
    loadConfig({ PORT: String(port), HOST: "127.0.0.1", CLIENT_DIR: "nonexistent", VOICE: "off", DATA_DIR: ":memory:", OPEN_CIRCLE_CAPACITY: String(CIRCLE_CAPACITY_MAX) }),
  );
  client = new Client(`ws://127.0.0.1:${port}`);
});
afterAll(async () => {
  await Promise.all(rooms.map((r) => r.leave().catch(() => {})));
  await hearth?.close();
});

/** Head and both hands at `seat`, with values particular to `seat`. */
function frameFor(seat: number): Uint8Array {
  const s = seatTransform(seat, CIRCLE_CAPACITY_MAX);
  const at = (dx: number, y: number) => quantisePose({ position: { x: s.x + dx, y, z: s.z }, rotation: { x: 0, y: Math.sin(s.yaw / 2), z: 0, w: Math.cos(s.yaw / 2) } });
  return encodeFrame({ head: at(0, 1.2 + seat / 100), hands: { left: at(-0.2, 0.9), right: at(0.2, 0.9 + seat / 100) } });
}

type Snapshot = Record<string, { seat: number; pseudonym: string }>;
const view = (room: Room<CircleState>) => (room.state.toJSON() as { participants: Snapshot }).participants;

async function joinCircle(pseudonym: string, color: string): Promise<Room<CircleState>> {
  return enterCircle(client, { pseudonym, color }, (room) => {
    poses.set(room, followPoses(room));
    rooms.push(room);
  });
}
/** Whether `room` holds every other member's own frame. */
const holdsEveryFrame = (room: Room<CircleState>) =>
  Object.entries(view(room)).every(([id, p]) => id === room.sessionId || JSON.stringify(poses.get(room)!.get(id)) === JSON.stringify(decodeFrame(frameFor(p.seat))));

describe("a full circle of sixteen with tracked hands", () => {
  it("is decoded whole and consistently by someone who joins last", async () => {
    for (let i = 0; i < CIRCLE_CAPACITY_MAX - 1; i++) {
      const room = await joinCircle(`Member ${i + 1}`, "#81b29a");
      room.sendBytes(ClientMessage.Pose, frameFor(room.state.participants.get(room.sessionId)!.seat));
    }
    const first = rooms[0]!;
    await waitFor("every pose at the first member", () => Object.keys(view(first)).length === CIRCLE_CAPACITY_MAX - 1 && holdsEveryFrame(first), 10_000);

    const last = await joinCircle("Last Arrival", "#e07a5f");
    last.sendBytes(ClientMessage.Pose, frameFor(last.state.participants.get(last.sessionId)!.seat));
    await waitFor("the whole circle at the newcomer", () => last.state.participants?.size === CIRCLE_CAPACITY_MAX, 10_000);
    await waitFor("the newcomer at the first member", () => first.state.participants.size === CIRCLE_CAPACITY_MAX);
    await waitFor("every pose at the newcomer", () => holdsEveryFrame(last), 10_000);
    await waitFor("the newcomer's pose at the first member", () => holdsEveryFrame(first), 10_000);

    const mine = view(last);
    const theirs = view(first);
    for (const [id, p] of Object.entries(theirs)) {
      expect(mine[id], `participant ${p.pseudonym}`).toEqual(p);
    }
  });
});
