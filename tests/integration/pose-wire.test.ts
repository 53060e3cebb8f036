import { Client, type Room } from "colyseus.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type HearthServer, startHearth } from "../../server/app.ts";
import { loadConfig } from "../../server/config.ts";
import type { CircleState } from "../../server/rooms/state.ts";
import { decodeFrame, encodeFrame, FRAME_BYTES_WITH_HANDS, quantisePose } from "../../shared/pose-codec.ts";
import { ClientMessage } from "../../shared/protocol.ts";
import { seatTransform } from "../../shared/seats.ts";
import { freePort } from "../support/free-port.ts";
import { followPoses } from "../support/poses.ts";
import { sleep, waitFor } from "../support/wait.ts";
import { enterCircle } from "../support/circle-client.ts";

/** The architecture's budget: head + two hands in at most 64 bytes per participant update. */
const WIRE_BUDGET_BYTES = 64;
const ROOM_STATE_PATCH = 15;
const ROOM_DATA_BYTES = 17;

let hearth: HearthServer;
let client: Client;

beforeAll(async () => {
  const port = await freePort();
  hearth = await startHearth(loadConfig({ PORT: String(port), HOST: "127.0.0.1", CLIENT_DIR: "nonexistent", VOICE: "off" }));
  client = new Client(`ws://127.0.0.1:${port}`);
});
afterAll(() => hearth?.close());

async function join(pseudonym: string): Promise<Room<CircleState>> {
  return enterCircle(client, { pseudonym, color: "#81b29a" });
}

/** Sizes of the state patches and of the byte messages (poses) `room` receives while `act` runs and the next patches settle. */
async function framesDuring(room: Room<CircleState>, act: () => void, ms = 250): Promise<{ patches: number[]; bytes: number[] }> {
  // colyseus.js uses Node's own WebSocket (Node 22+), whose messages are events.
  const ws = (room.connection.transport as unknown as { ws: WebSocket }).ws;
  const frames = { patches: [] as number[], bytes: [] as number[] };
  const listener = (event: MessageEvent) => {
    const data = event.data as ArrayBuffer | Uint8Array;
    const bytes = data instanceof Uint8Array ? data : new Uint8Array(data);
    if (bytes[0] === ROOM_STATE_PATCH) frames.patches.push(bytes.byteLength);
    if (bytes[0] === ROOM_DATA_BYTES) frames.bytes.push(bytes.byteLength);
  };
  ws.addEventListener("message", listener);
  act();
  await sleep(ms); // several patch intervals (50 ms)
  ws.removeEventListener("message", listener);
  return frames;
}

/** Waits until `room` has had no state patch for half a second. */
async function quietPatches(room: Room<CircleState>): Promise<void> {
  for (let tries = 0; tries < 20; tries++) {
    if ((await framesDuring(room, () => {}, 500)).patches.length === 0) return;
  }
  throw new Error("the state kept changing");
}

/** A headset frame near seat `seat` with every value different from `variant`'s other frames. */
function headsetFrame(seat: number, variant: number): Uint8Array {
  const s = seatTransform(seat, 12);
  const at = (dx: number, y: number, dz: number, angle: number) =>
    quantisePose({
      position: { x: s.x + dx, y, z: s.z + dz },
      rotation: { x: 0, y: Math.sin(angle / 2), z: 0, w: Math.cos(angle / 2) },
    });
  const v = variant * 0.031;
  return encodeFrame({
    head: at(v, 1.2 + v, -v, s.yaw + v),
    hands: { left: at(-0.2 + v, 0.9, -0.3 - v, v), right: at(0.2 - v, 0.95 + v, -0.3, -v) },
  });
}

describe("a headset participant's pose on the wire", () => {
  it("is sent as a frame of at most 64 bytes", () => {
    expect(headsetFrame(0, 1).byteLength).toBe(FRAME_BYTES_WITH_HANDS);
    expect(FRAME_BYTES_WITH_HANDS).toBeLessThanOrEqual(WIRE_BUDGET_BYTES);
  });

  it("reaches the others in one message within the 64-byte budget, with no state patch", async () => {
    const a = await join("Quiet Otter");
    const b = await join("Steady Heron");
    const posesAtB = followPoses(b);
    const seat = a.state.participants.get(a.sessionId)!.seat;
    a.sendBytes(ClientMessage.Pose, headsetFrame(seat, 1));
    await waitFor("B to see A's hands", () => posesAtB.get(a.sessionId)?.hands);
    // Colyseus may send a newcomer its view's first additions once more in a patch after the full
    // state (on a loaded machine, only after A's first pose): let B's joining settle first.
    await quietPatches(b);

    // Every value of head and both hands changes: the worst case for one update.
    const moved = await framesDuring(b, () => a.sendBytes(ClientMessage.Pose, headsetFrame(seat, 2)));
    expect(moved.patches).toEqual([]);
    expect(moved.bytes).toHaveLength(1);
    expect(moved.bytes[0]!).toBeLessThanOrEqual(WIRE_BUDGET_BYTES);
    expect(posesAtB.get(a.sessionId)).toEqual(decodeFrame(headsetFrame(seat, 2)));
    console.log(`one head + two hands update: ${moved.bytes[0]} bytes on the wire (budget ${WIRE_BUDGET_BYTES})`);

    // A participant who holds still costs nothing.
    const still = await framesDuring(b, () => a.sendBytes(ClientMessage.Pose, headsetFrame(seat, 2)));
    expect(still).toEqual({ patches: [], bytes: [] });
    await a.leave();
    await b.leave();
  });
});
