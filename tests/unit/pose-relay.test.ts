import { type Client, getMessageBytes, Protocol } from "@colyseus/core";
import { describe, expect, it } from "vitest";
import { PoseRelay } from "../../server/rooms/pose-relay.ts";
import { encodeFrame, type QuantisedFrame } from "../../shared/pose-codec.ts";
import { readPoseBatch, RemotePoses } from "../../shared/pose-relay.ts";
import { ServerMessage } from "../../shared/protocol.ts";

const frame = (x: number, hands = false): QuantisedFrame => {
  const head = { x, y: 1200, z: -500, q: 7 };
  return { head, hands: hands ? { left: { ...head, x: x - 200 }, right: { ...head, x: x + 200 } } : null };
};

/** How Colyseus frames a ServerMessage.Poses message before its bytes. */
const HEADER = getMessageBytes.raw(Protocol.ROOM_DATA_BYTES, ServerMessage.Poses);

/** A stand-in for a Colyseus client that keeps the Poses messages it was sent (without their header). */
function fakeClient(sessionId: string) {
  const received: Uint8Array[] = [];
  const client = {
    sessionId,
    enqueueRaw(message: Uint8Array) {
      expect([...message.subarray(0, HEADER.length)]).toEqual([...HEADER]);
      received.push(message.slice(HEADER.length));
    },
  };
  return { client: client as unknown as Client, received };
}

/** What one message carries, as {poseId: head x}. */
function entries(bytes: Uint8Array): Record<number, number> {
  const out: Record<number, number> = {};
  const ok = readPoseBatch(bytes, (poseId, f) => (out[poseId] = new DataView(f.buffer, f.byteOffset).getInt16(1, true)));
  expect(ok).toBe(true);
  return out;
}

function circle(...ids: string[]) {
  const apart = new Set<string>();
  const audience = {
    canSee: (viewer: string, target: string) => !apart.has(`${viewer}|${target}`) && !apart.has(`${target}|${viewer}`),
    everyoneSeesEveryone: () => apart.size === 0,
  };
  const clients: Client[] = [];
  let requests = 0;
  const relay = new PoseRelay(
    () => audience,
    () => clients,
    () => requests++,
  );
  const people = Object.fromEntries(ids.map((id) => [id, { ...fakeClient(id), poseId: relay.admit(id) }]));
  clients.push(...Object.values(people).map((p) => p.client));
  const flush = () => relay.flush(Object.values(people).map((p) => p.client));
  return { relay, people, apart, flush, clients, requests: () => requests };
}

describe("the pose relay", () => {
  it("gives out the lowest free pose id and reuses a released one", () => {
    const { relay, people } = circle("a", "b", "c");
    expect([people.a!.poseId, people.b!.poseId, people.c!.poseId]).toEqual([0, 1, 2]);
    relay.release(1);
    expect(relay.admit("d")).toBe(1);
    expect(relay.admit("e")).toBe(3);
  });

  it("sends each client everyone else's new pose once, in one message, and nothing for a still pose", () => {
    const { relay, people, flush } = circle("a", "b", "c");
    relay.update(0, encodeFrame(frame(100)));
    relay.update(1, encodeFrame(frame(200, true)));
    flush();
    expect(people.a!.received.map(entries)).toEqual([{ 1: 200 }]);
    expect(people.b!.received.map(entries)).toEqual([{ 0: 100 }]);
    expect(people.c!.received.map(entries)).toEqual([{ 0: 100, 1: 200 }]);

    relay.update(0, encodeFrame(frame(100))); // unchanged
    flush();
    expect(people.c!.received).toHaveLength(1);
    relay.update(0, encodeFrame(frame(101)));
    flush(); // a known pose's new frame is on its way by the pending flush: the patch leaves it
    expect(people.c!.received).toHaveLength(1);
    relay.flushPending();
    flush(); // and the patch after it does not send it twice
    expect(people.c!.received.map(entries)).toEqual([{ 0: 100, 1: 200 }, { 0: 101 }]);
  });

  it("sends only the latest of several poses between two patches", () => {
    const { relay, people, flush } = circle("a", "b");
    for (let x = 1; x <= 5; x++) relay.update(0, encodeFrame(frame(x)));
    flush();
    expect(people.b!.received.map(entries)).toEqual([{ 0: 5 }]);
  });

  it("catches up newcomers and reconnected clients with everyone's current pose", () => {
    const { relay, people, flush } = circle("a", "b");
    relay.update(0, encodeFrame(frame(100)));
    flush();
    const late = fakeClient("late");
    const lateId = relay.admit("late");
    relay.update(lateId, encodeFrame(frame(300)));
    relay.flush([people.a!.client, people.b!.client, late.client]);
    expect(late.received.map(entries)).toEqual([{ 0: 100 }]);
    expect(people.a!.received.map(entries).at(-1)).toEqual({ 2: 300 });

    relay.resend("b");
    relay.flush([people.b!.client]);
    expect(people.b!.received.map(entries).at(-1)).toEqual({ 0: 100, 2: 300 });
  });

  it("never sends a pose across a block, and sends the current one when the block is lifted", () => {
    const { relay, people, apart, flush } = circle("a", "b");
    apart.add("a|b");
    relay.update(0, encodeFrame(frame(100)));
    relay.update(1, encodeFrame(frame(200)));
    flush();
    expect(people.a!.received).toEqual([]);
    expect(people.b!.received).toEqual([]);
    apart.clear();
    flush();
    expect(people.a!.received.map(entries)).toEqual([{ 1: 200 }]);
    expect(people.b!.received.map(entries)).toEqual([{ 0: 100 }]);
  });

  it("sends nothing for someone in the waiting room, and their seated pose once they are placed", () => {
    const { relay, people, flush } = circle("a", "b");
    relay.update(0, encodeFrame(frame(100)));
    relay.clear(0);
    flush();
    expect(people.b!.received).toEqual([]);
    relay.update(0, encodeFrame(frame(150)));
    flush();
    expect(people.b!.received.map(entries)).toEqual([{ 0: 150 }]);
  });

  it("does not mistake a recycled pose id for the pose its last owner had", () => {
    const { relay, people, flush } = circle("a", "b");
    relay.update(0, encodeFrame(frame(100)));
    flush();
    relay.release(0);
    expect(relay.admit("c")).toBe(0);
    relay.update(0, encodeFrame(frame(100))); // the very same bytes, from someone else
    flush();
    expect(people.b!.received.map(entries)).toEqual([{ 0: 100 }, { 0: 100 }]);
  });
});

describe("when poses arrive between two patches", () => {
  it("sends them at once, coalesced into one message per client, to viewers who know the pose id", () => {
    const { relay, people, flush, requests } = circle("a", "b", "c");
    relay.update(0, encodeFrame(frame(100)));
    relay.update(1, encodeFrame(frame(200)));
    flush(); // the patch made everyone know every pose id
    relay.update(0, encodeFrame(frame(101)));
    relay.update(1, encodeFrame(frame(201)));
    expect(requests()).toBeGreaterThan(0);
    relay.flushPending();
    expect(people.c!.received.map(entries)).toEqual([{ 0: 100, 1: 200 }, { 0: 101, 1: 201 }]);
    expect(people.a!.received.map(entries)).toEqual([{ 1: 200 }, { 1: 201 }]);
    relay.flushPending(); // nothing new: nothing sent
    flush(); // nor after the patch: they have it already
    expect(people.c!.received).toHaveLength(2);
  });

  it("asks for one flush per turn however many poses arrive", () => {
    const { relay, requests } = circle("a", "b");
    const before = requests();
    for (let x = 1; x <= 5; x++) relay.update(0, encodeFrame(frame(x)));
    expect(requests() - before).toBe(1);
  });

  it("keeps a newcomer's pose id from anyone until the patch that names it", () => {
    const { relay, people, flush, clients } = circle("a", "b");
    relay.update(0, encodeFrame(frame(100)));
    flush();
    const late = fakeClient("late");
    const lateId = relay.admit("late");
    clients.push(late.client);
    relay.update(lateId, encodeFrame(frame(300)));
    relay.update(0, encodeFrame(frame(101)));
    relay.flushPending();
    expect(people.a!.received).toEqual([]); // nothing with id 2 yet
    expect(people.b!.received.map(entries).at(-1)).toEqual({ 0: 101 });
    expect(late.received).toEqual([]); // has not been patched: knows no pose id
    relay.flush(clients);
    expect(people.a!.received.map(entries).at(-1)).toEqual({ 2: 300 });
    expect(late.received.map(entries)).toEqual([{ 0: 101 }]);
  });

  it("never sends across a block, and after a block is lifted waits for the patch", () => {
    const { relay, people, apart, flush } = circle("a", "b");
    relay.update(0, encodeFrame(frame(100)));
    flush();
    apart.add("a|b");
    relay.update(0, encodeFrame(frame(101)));
    relay.flushPending();
    flush();
    apart.clear();
    relay.update(0, encodeFrame(frame(102)));
    relay.flushPending();
    expect(people.b!.received.map(entries)).toEqual([{ 0: 100 }]);
    flush();
    expect(people.b!.received.map(entries)).toEqual([{ 0: 100 }, { 0: 102 }]);
  });

  it("does not send a recycled pose id's new owner before the patch", () => {
    const { relay, people, flush } = circle("a", "b");
    relay.update(0, encodeFrame(frame(100)));
    flush();
    relay.release(0);
    relay.admit("c");
    relay.update(0, encodeFrame(frame(500)));
    relay.flushPending();
    expect(people.b!.received.map(entries)).toEqual([{ 0: 100 }]);
    flush();
    expect(people.b!.received.map(entries)).toEqual([{ 0: 100 }, { 0: 500 }]);
  });
});

describe("a Poses message at the client", () => {
  const participants = new Map([
    ["alice", { poseId: 0 }],
    ["bob", { poseId: 3 }],
  ]);
  const message = (...parts: [number, QuantisedFrame][]) => {
    const chunks = parts.flatMap(([id, f]) => [Uint8Array.of(id), encodeFrame(f)]);
    const bytes = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
    let offset = 0;
    for (const c of chunks) bytes.set(c, (offset += c.length) - c.length);
    return bytes;
  };

  it("files each pose under the participant holding that pose id", () => {
    const poses = new RemotePoses();
    expect(poses.receive(message([0, frame(100, true)], [3, frame(200)]), participants)).toBe(2);
    expect(poses.get("alice")).toEqual(frame(100, true));
    expect(poses.get("bob")).toEqual(frame(200));
    poses.retain(new Set(["bob"]));
    expect(poses.get("alice")).toBeUndefined();
  });

  it("ignores unknown pose ids and stops at a malformed entry", () => {
    const poses = new RemotePoses();
    const good = message([7, frame(1)], [3, frame(200)]);
    const broken = new Uint8Array([...good, 0, 9, 1, 2]);
    expect(poses.receive(broken, participants)).toBe(1);
    expect(poses.get("bob")).toEqual(frame(200));
    expect(readPoseBatch(broken, () => {})).toBe(false);
    expect(readPoseBatch(new Uint8Array([0, 1, 0]), () => {})).toBe(false);
  });
});
