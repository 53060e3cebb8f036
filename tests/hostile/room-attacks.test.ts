/**
 * Issue 18: a hostile colyseus.js client against one circle. For each attack the server stays up,
 * an honest client in the same circle keeps receiving the other honest client's poses at its rate
 * and sees no change, and the attacker gets a clear error or is disconnected. A table of attacks
 * and outcomes is printed at the end.
 */
import type { Room } from "colyseus.js";
import { afterAll, describe, expect, it } from "vitest";
import { newParticipantKey } from "../../shared/participant-key.ts";
import { encodeFrame } from "../../shared/pose-codec.ts";
import { ROOM_NAME, ServerMessage } from "../../shared/protocol.ts";
import { OPEN_CIRCLE_ID } from "../../server/circles/catalog.ts";
import { seatedHeadPose } from "../../shared/seats.ts";
import type { Person } from "../support/circle-client.ts";
import { sleep, waitFor } from "../support/wait.ts";
import { CAPACITY, colyseus, facilitator, hearth, join, participant, seen, snapshot, useFacilitationHearth } from "../integration/support/facilitation-circle.ts";

useFacilitationHearth();

const outcomes: { attack: string; attacker: string; honest: string; server: string }[] = [];
afterAll(() => console.table(outcomes));

const POSE_HZ = 20;

/** Two honest people: `sender` sends poses at POSE_HZ, `watcher` counts the pose messages it receives. */
async function honestPair(): Promise<{ sender: Person; watcher: Person; received: () => number; stop: () => void }> {
  const sender = await participant("Honest Sender");
  let count = 0;
  const watcher = await join("Honest Watcher", { participantKey: newParticipantKey() });
  watcher.room.onMessage(ServerMessage.Poses, () => count++);
  const seat = seen(sender, sender)!.seat;
  let i = 0;
  const timer = setInterval(() => {
    const head = seatedHeadPose(seat, CAPACITY, 0.2 * Math.sin(i++ / 5), 0.05);
    if (sender.room.connection.isOpen) sender.room.sendBytes("pose", encodeFrame({ head, hands: null }));
  }, 1000 / POSE_HZ);
  await waitFor("the watcher to see the sender", () => seen(watcher, sender));
  return { sender, watcher, received: () => count, stop: () => clearInterval(timer) };
}

/** Runs `attack` from a fresh attacker while the honest pair talks; records and checks the outcome. */
async function underAttack(name: string, attack: (room: Room, attacker: Person) => Promise<void> | void): Promise<string> {
  const honest = await honestPair();
  const attacker = await participant("Mallory");
  await waitFor("the watcher to see the attacker", () => seen(honest.watcher, attacker));
  const before = snapshot(honest.watcher).participants[honest.sender.id];
  const baseStart = honest.received();
  await sleep(1000);
  const baseline = honest.received() - baseStart;

  const attackStart = honest.received();
  const startedAt = performance.now();
  await attack(attacker.room, attacker);
  await sleep(Math.max(0, 1000 - (performance.now() - startedAt)));
  const during = ((honest.received() - attackStart) * 1000) / Math.max(1000, performance.now() - startedAt);
  honest.stop();

  const disconnected = !attacker.room.connection.isOpen;
  const outcome = disconnected ? "disconnected" : attacker.errors.length ? `error: ${attacker.errors[0]!.code}` : "ignored";
  outcomes.push({
    attack: name,
    attacker: outcome,
    honest: `${baseline} → ${Math.round(during)} pose msgs/s`,
    server: (await fetch(`http://127.0.0.1:${hearth.port}/api/health`)).ok ? "up" : "DOWN",
  });
  expect((await fetch(`http://127.0.0.1:${hearth.port}/api/health`)).ok).toBe(true);
  expect(during).toBeGreaterThanOrEqual(baseline * 0.5);
  const after = snapshot(honest.watcher).participants[honest.sender.id];
  expect({ ...after, poseId: 0 }).toMatchObject({ ...before, poseId: 0 });
  expect(honest.sender.errors).toEqual([]);
  return outcome;
}

describe("when a hostile client attacks the circle", () => {
  it("an oversized chat message gets a clear error", async () => {
    expect(await underAttack("chat of 100 kB", (r) => r.send("chat", { text: "x".repeat(100_000) }))).not.toBe("ignored");
  });

  it("NaN, Infinity, 1e308 and -0 in a pose as JSON, and malformed binary frames, get errors", async () => {
    const outcome = await underAttack("non-finite poses, malformed frames", (r) => {
      r.send("pose", { x: Number.NaN, y: Infinity, z: 1e308, w: -0 });
      r.sendBytes("pose", new Uint8Array(11).fill(0xff));
      r.sendBytes("pose", new Uint8Array(3));
    });
    expect(outcome).not.toBe("ignored");
  });

  it("an unknown message type gets an error", async () => {
    expect(await underAttack("unknown message type", (r) => r.send("becomeFacilitator", {}))).toMatch(/error|disconnected/);
  });

  it("every facilitator action from a participant is refused", async () => {
    const outcome = await underAttack("facilitator actions from a participant", (r) => {
      for (const action of ["muteAll", "lock", "endSession", "admitAll"]) r.send("facilitate", { action });
      r.send("facilitate", { action: "moveSeat", target: "x", seat: 999 });
    });
    expect(outcome).toMatch(/error|disconnected/);
  });

  it("a flood of block/unblock toggles (1,000 a second) is cut off by the rate limit", async () => {
    const outcome = await underAttack("1,000 block/unblock toggles in a second", async (r, attacker) => {
      const target = [...r.state.participants.keys()].find((id) => id !== attacker.id)!;
      for (let i = 0; i < 1000 && r.connection.isOpen; i++) {
        r.send(i % 2 ? "unblock" : "block", { target });
        if (i % 50 === 49) await sleep(50);
      }
    });
    expect(outcome).toBe("disconnected");
  });

  it("a role claim in the join options is refused or ignored", async () => {
    const sneaky = await join("Sneaky Role", { role: "facilitator" }).catch((error: Error) => error);
    const refused = sneaky instanceof Error;
    if (!refused) expect(seen(sneaky, sneaky)?.role).toBe("participant");
    outcomes.push({ attack: "role claim in join options", attacker: refused ? "refused" : "joined as participant", honest: "-", server: "up" });
  });

  it("a zero-width / RTL-override twin of a name already in the circle is refused", async () => {
    const f = await facilitator("Sam");
    expect(seen(f, f)).toBeDefined();
    for (const twin of ["S\u200Bam", "\u202ESam", "Ѕam"]) {
      await expect(join(twin, { participantKey: newParticipantKey() })).rejects.toThrow(/already called/);
    }
    outcomes.push({ attack: "zero-width, RTL-override and homoglyph twins", attacker: "refused (409)", honest: "-", server: "up" });
  });

  it("100 concurrent joins to one circle leave it within its seats, and the server up", async () => {
    const tries = await Promise.allSettled(
      Array.from({ length: 100 }, (_, i) => colyseus.sdk.joinOrCreate(ROOM_NAME, { circleId: OPEN_CIRCLE_ID, pseudonym: `Crowd ${i}`, color: "#e07a5f" })),
    );
    const joined = tries.filter((t) => t.status === "fulfilled").length;
    expect(joined).toBeLessThanOrEqual(CAPACITY);
    expect((await fetch(`http://127.0.0.1:${hearth.port}/api/health`)).ok).toBe(true);
    outcomes.push({ attack: "100 concurrent joins", attacker: `${joined} seated, ${100 - joined} refused`, honest: "-", server: "up" });
  });
});
