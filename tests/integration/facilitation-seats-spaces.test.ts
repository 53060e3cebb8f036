/**
 * Facilitator controls and the guided circle flow (issue 5) through real colyseus.js clients against an in-process Hearth: seats, the lock and the waiting room, breakout circles.
 */
import { describe, expect, it } from "vitest";
import { NO_SEAT } from "../../server/rooms/state.ts";
import { type FacilitatorAction } from "../../shared/facilitation.ts";
import { sleep, waitFor } from "../support/wait.ts";
import {
  CAPACITY,
  participant,
  facilitator,
  facilitate,
  seen,
  allSeeEachOther,
  nextError,
  noticeOf,
  useFacilitationHearth,
} from "./support/facilitation-circle.ts";

useFacilitationHearth();

describe("move seat", () => {
  it("moves someone to a free seat and tells them", async () => {
    const f = await facilitator("Sam Facilitator");
    const a = await participant("Quiet Otter");
    await allSeeEachOther(f, a);
    const taken = new Set([seen(f, f)!.seat, seen(f, a)!.seat]);
    const free = [...Array(CAPACITY).keys()].find((s) => !taken.has(s))!;

    facilitate(f, { action: "moveSeat", target: a.id, seat: free });
    await waitFor("A moved", () => seen(f, a)?.seat === free);
    expect(await noticeOf(a, "moved-seat")).toEqual({ kind: "moved-seat", message: `The facilitator moved you to seat ${free + 1}.` });
  });

  it("swaps two people when the seat is taken, telling both", async () => {
    const f = await facilitator("Sam Facilitator");
    const a = await participant("Quiet Otter");
    const b = await participant("Steady Heron");
    await allSeeEachOther(f, a, b);
    const [seatA, seatB] = [seen(f, a)!.seat, seen(f, b)!.seat];

    facilitate(f, { action: "moveSeat", target: a.id, seat: seatB });
    await waitFor("the swap", () => seen(f, a)?.seat === seatB && seen(f, b)?.seat === seatA);
    expect((await noticeOf(a, "moved-seat")).message).toBe(`The facilitator moved you to seat ${seatB + 1}.`);
    expect((await noticeOf(b, "moved-seat")).message).toBe(`The facilitator moved you to seat ${seatA + 1}.`);
    const seats = [...f.room.state.participants.values()].map((p) => p.seat);
    expect(new Set(seats).size).toBe(seats.length);
  });

  it("refuses a seat the circle does not have", async () => {
    const f = await facilitator("Sam Facilitator");
    const a = await participant("Quiet Otter");
    await allSeeEachOther(f, a);
    facilitate(f, { action: "moveSeat", target: a.id, seat: CAPACITY });
    expect(await nextError(f, 0)).toMatchObject({ code: "not_allowed", message: `This circle has ${CAPACITY} seats.` });
  });
});

describe("lock and the waiting room", () => {
  it("a locked session sends newcomers to the waiting room, seatless, with a calm word; facilitators still enter", async () => {
    const f = await facilitator("Sam Facilitator");
    facilitate(f, { action: "lock" });
    await waitFor("locked", () => f.room.state.locked);

    const w = await participant("Quiet Otter");
    expect(seen(w, w)).toMatchObject({ space: "waiting", seat: NO_SEAT });
    expect(await noticeOf(w, "waiting-room")).toEqual({
      kind: "waiting-room",
      message: "Welcome. The circle is settling in: a facilitator will let you in shortly. Take your time.",
    });
    const f2 = await facilitator("Robin Cofacilitator");
    expect(seen(f2, f2)).toMatchObject({ space: "main" });
    expect(seen(f2, f2)!.seat).not.toBe(NO_SEAT);

    facilitate(f, { action: "unlock" });
    await waitFor("unlocked", () => !f.room.state.locked);
    const n = await participant("Steady Heron");
    expect(seen(n, n)?.space).toBe("main");
    await waitFor("F2 to see N", () => seen(f2, n));
    expect(seen(f2, w)?.space).toBe("waiting"); // unlocking does not admit those already waiting
    expect(seen(n, w)).toBeUndefined(); // and the waiting room stays private
  });

  it("admit lets one person in, to a free seat, and welcomes them", async () => {
    const f = await facilitator("Sam Facilitator");
    facilitate(f, { action: "lock" });
    await waitFor("locked", () => f.room.state.locked);
    const w1 = await participant("Quiet Otter");
    const w2 = await participant("Steady Heron");
    await waitFor("F to see both waiting", () => seen(f, w1) && seen(f, w2)); // only facilitators see who waits

    facilitate(f, { action: "admit", target: w1.id });
    await waitFor("W1 in", () => seen(f, w1)?.space === "main");
    expect(seen(f, w1)!.seat).not.toBe(NO_SEAT);
    expect(seen(f, w1)!.seat).not.toBe(seen(f, f)!.seat);
    expect(seen(f, w1)?.micAllowed).toBe(true);
    expect(await noticeOf(w1, "admitted")).toEqual({ kind: "admitted", message: "Welcome in. Take a seat by the fire." });
    expect(seen(f, w2)).toMatchObject({ space: "waiting", seat: NO_SEAT });

    facilitate(f, { action: "admit", target: w1.id });
    expect(await nextError(f, 0)).toMatchObject({ code: "not_allowed", message: "That person is not in the waiting room." });
  });

  it("keeps the waiting room private: only facilitators see who waits, in the state and the count", async () => {
    const f = await facilitator("Sam Facilitator");
    const a = await participant("Quiet Otter");
    const b = await participant("Steady Heron");
    await allSeeEachOther(f, a, b);

    facilitate(f, { action: "sendToWaitingRoom", target: a.id });
    await waitFor("A waiting, for the facilitator", () => seen(f, a)?.space === "waiting");
    await waitFor("A gone from B's circle", () => !seen(b, a));
    expect(b.room.state.participants.size).toBe(2);
    expect(seen(a, a)?.space).toBe("waiting");

    facilitate(f, { action: "lock" });
    await waitFor("locked", () => f.room.state.locked);
    const w = await participant("Gentle Oak");
    await waitFor("F to see W waiting", () => seen(f, w)?.space === "waiting");
    await sleep(150);
    expect(seen(b, w)).toBeUndefined();
    expect(seen(a, w)).toBeUndefined(); // nor do others who wait
    expect(b.room.state.participants.size).toBe(2);

    facilitate(f, { action: "admit", target: a.id });
    await waitFor("B to see A back in the circle", () => seen(b, a)?.space === "main");
    expect(seen(a, b)?.space).toBe("main");
  });

  it("admit all lets everyone waiting in, each to their own seat", async () => {
    const f = await facilitator("Sam Facilitator");
    facilitate(f, { action: "lock" });
    await waitFor("locked", () => f.room.state.locked);
    const waiting = [await participant("Quiet Otter"), await participant("Steady Heron"), await participant("Gentle Oak")];
    await waitFor("F to see everyone waiting", () => waiting.every((w) => seen(f, w))); // only facilitators see who waits

    facilitate(f, { action: "admitAll" });
    await waitFor("all in", () => waiting.every((w) => seen(f, w)?.space === "main"));
    const seats = [...f.room.state.participants.values()].map((p) => p.seat);
    expect(seats).not.toContain(NO_SEAT);
    expect(new Set(seats).size).toBe(4);
    for (const w of waiting) expect((await noticeOf(w, "admitted")).message).toBe("Welcome in. Take a seat by the fire.");
  });

  it("send to the waiting room takes someone out of the circle for a moment, hand lowered, and says so", async () => {
    const f = await facilitator("Sam Facilitator");
    const a = await participant("Quiet Otter");
    await allSeeEachOther(f, a);
    a.room.send("raiseHand", { raised: true });
    await waitFor("A's hand", () => seen(f, a)?.handRaised);

    facilitate(f, { action: "sendToWaitingRoom", target: a.id });
    await waitFor("A waiting", () => seen(f, a)?.space === "waiting");
    expect(seen(f, a)).toMatchObject({ seat: NO_SEAT, handRaised: false, micAllowed: false });
    expect([...f.room.state.handQueue]).toEqual([]);
    expect(await noticeOf(a, "sent-to-waiting-room")).toEqual({
      kind: "sent-to-waiting-room",
      message: "The facilitator asked you to wait in the waiting room for a moment. You'll be let back in soon.",
    });
    facilitate(f, { action: "admit", target: a.id });
    await waitFor("A back", () => seen(f, a)?.space === "main" && seen(f, a)?.micAllowed);
  });
});

describe("breakout circles", () => {
  it("send to breakout moves someone to a seat in that breakout; bring back returns them to the main circle", async () => {
    const f = await facilitator("Sam Facilitator");
    const a = await participant("Quiet Otter");
    const b = await participant("Steady Heron");
    await allSeeEachOther(f, a, b);

    facilitate(f, { action: "sendToBreakout", target: a.id, breakout: "garden" });
    facilitate(f, { action: "sendToBreakout", target: b.id, breakout: "garden" });
    await waitFor("both in the garden", () => seen(f, a)?.space === "breakout:garden" && seen(f, b)?.space === "breakout:garden");
    // Seats there are the breakout's own: distinct from each other, free of the main circle's.
    expect(seen(f, a)!.seat).toBe(0);
    expect(seen(f, b)!.seat).not.toBe(seen(f, a)!.seat);
    expect(seen(f, b)!.seat).toBeLessThan(CAPACITY);
    expect(seen(f, a)?.micAllowed).toBe(true);
    expect(await noticeOf(a, "sent-to-breakout")).toEqual({ kind: "sent-to-breakout", message: `You're in the breakout circle "garden" for now.` });

    facilitate(f, { action: "sendToBreakout", target: a.id, breakout: "garden" });
    expect(await nextError(f, 0)).toMatchObject({ message: "They are in that breakout circle already." });

    facilitate(f, { action: "bringBack", target: a.id });
    await waitFor("A back", () => seen(f, a)?.space === "main");
    expect(seen(f, a)!.seat).not.toBe(seen(f, f)!.seat);
    expect(await noticeOf(a, "brought-back")).toEqual({ kind: "brought-back", message: "You're back in the main circle." });

    facilitate(f, { action: "bringBack", target: a.id });
    expect(await nextError(f, 1)).toMatchObject({ message: "They are not in a breakout circle." });
  });

  it("rejects a breakout name that is not lowercase letters, digits or dashes", async () => {
    const f = await facilitator("Sam Facilitator");
    const a = await participant("Quiet Otter");
    await allSeeEachOther(f, a);
    facilitate(f, { action: "sendToBreakout", target: a.id, breakout: "Garden Room" } as FacilitatorAction);
    expect(await nextError(f, 0)).toMatchObject({ code: "invalid_message", type: "facilitate" });
    expect(seen(f, a)?.space).toBe("main");
  });
});

// ---------------------------------------------------------------------------------- leaving
