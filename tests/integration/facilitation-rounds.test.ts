/**
 * Facilitator controls and the guided circle flow (issue 5) through real colyseus.js clients against an in-process Hearth: the talking-piece round.
 */
import { describe, expect, it } from "vitest";
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
  type Person,
  useFacilitationHearth,
} from "./support/facilitation-circle.ts";

useFacilitationHearth();

describe("a talking-piece round", () => {
  /** F, then four participants; F is moved to seat 4 so the round starts after it and wraps. */
  async function circleOfFive() {
    const f = await facilitator("Sam Facilitator");
    const people = [await participant("Quiet Otter"), await participant("Steady Heron"), await participant("Gentle Oak"), await participant("Warm Ember")];
    await allSeeEachOther(f, ...people);
    const freeSeat = [...Array(CAPACITY).keys()].reverse().find((s) => ![...f.room.state.participants.values()].some((p) => p.seat === s && p.id !== f.id))!;
    const fSeat = Math.min(freeSeat, 4);
    if (seen(f, f)!.seat !== fSeat) {
      facilitate(f, { action: "moveSeat", target: f.id, seat: fSeat });
      await waitFor("F moved", () => seen(f, f)?.seat === fSeat);
    }
    const seatOf = (p: Person) => seen(f, p)!.seat;
    const after = people.filter((p) => seatOf(p) > fSeat).sort((x, y) => seatOf(x) - seatOf(y));
    const before = people.filter((p) => seatOf(p) < fSeat).sort((x, y) => seatOf(x) - seatOf(y));
    return { f, people, order: [...after, ...before] };
  }

  it("starts with the first participant after the facilitator's seat; only the holder and facilitators may speak", async () => {
    const { f, people, order } = await circleOfFive();
    facilitate(f, { action: "startRound", shareSeconds: null });
    const [first, ...rest] = order;
    await waitFor("the round", () => f.room.state.roundActive && rest.every((p) => seen(f, p)?.micAllowed === false));
    expect(f.room.state.roundHolder).toBe(first!.id);
    expect(f.room.state.shareEndsAt).toBe(0);
    expect(seen(f, first!)?.micAllowed).toBe(true);
    expect(seen(f, f)?.micAllowed).toBe(true);
    for (const p of rest) expect(seen(f, p)).toMatchObject({ micAllowed: false, muted: true, mutedByFacilitator: false });
    expect(await noticeOf(first!, "holding-piece")).toEqual({
      kind: "holding-piece",
      message: "The talking piece is with you. Share what you wish, or pass it on. Unmute when you're ready.",
    });
    for (const p of rest) {
      expect(await noticeOf(p, "round-waiting")).toEqual({
        kind: "round-waiting",
        message: "A talking-piece round is on: you can speak when the piece reaches you.",
      });
    }
    expect(first!.notices.map((n) => n.kind)).not.toContain("round-waiting");
    expect(people).toHaveLength(4);

    // A non-holder cannot unmute themselves during the round.
    rest[0]!.room.send("selfMute", { muted: false });
    expect(await nextError(rest[0]!, 0)).toMatchObject({ code: "not_allowed", type: "selfMute" });
  });

  it("passes seat by seat: the holder passes, the facilitator advances or skips, and past the last it ends", async () => {
    const { f, order } = await circleOfFive();
    facilitate(f, { action: "startRound", shareSeconds: null });
    await waitFor("the first holder", () => f.room.state.roundHolder === order[0]!.id);

    order[0]!.room.send("passPiece", {});
    await waitFor("the second holder", () => f.room.state.roundHolder === order[1]!.id);
    expect(seen(f, order[0]!)?.micAllowed).toBe(false);
    expect(seen(f, order[1]!)?.micAllowed).toBe(true);
    expect(order[0]!.errors).toEqual([]);

    facilitate(f, { action: "skipHolder" });
    await waitFor("the third holder", () => f.room.state.roundHolder === order[2]!.id);
    expect(seen(f, order[1]!)?.micAllowed).toBe(false);

    facilitate(f, { action: "advanceRound" });
    await waitFor("the fourth holder", () => f.room.state.roundHolder === order[3]!.id);
    expect((await noticeOf(order[3]!, "holding-piece")).kind).toBe("holding-piece");

    facilitate(f, { action: "advanceRound" });
    await waitFor("the round over", () => !f.room.state.roundActive);
    expect(f.room.state.roundHolder).toBe("");
    await waitFor("everyone free to speak", () => order.every((p) => seen(f, p)?.micAllowed));
    expect(f.errors).toEqual([]);
  });

  it("end round gives everyone their voice back, except people a facilitator muted", async () => {
    const { f, order } = await circleOfFive();
    facilitate(f, { action: "mute", target: order[2]!.id });
    await waitFor("one muted", () => seen(f, order[2]!)?.mutedByFacilitator);
    facilitate(f, { action: "startRound", shareSeconds: null });
    await waitFor("the round", () => f.room.state.roundActive && seen(f, order[1]!)?.micAllowed === false);

    facilitate(f, { action: "endRound" });
    await waitFor("the round over", () => !f.room.state.roundActive);
    await waitFor("voices back", () => [order[0]!, order[1]!, order[3]!].every((p) => seen(f, p)?.micAllowed));
    expect(seen(f, order[2]!)).toMatchObject({ micAllowed: false, mutedByFacilitator: true });
    expect(f.room.state.roundHolder).toBe("");
    expect((await noticeOf(order[1]!, "allowed-to-speak")).kind).toBe("allowed-to-speak");
  });

  it("with a gentle share timer, sets when each holder's time is up, afresh for each holder", async () => {
    const { f, order } = await circleOfFive();
    const asked = Date.now();
    facilitate(f, { action: "startRound", shareSeconds: 120 });
    await waitFor("the timer", () => f.room.state.shareEndsAt > 0);
    const first = f.room.state.shareEndsAt;
    expect(first).toBeGreaterThanOrEqual(asked + 120_000 - 5);
    expect(first).toBeLessThanOrEqual(Date.now() + 120_000);
    await sleep(20);

    order[0]!.room.send("passPiece", {});
    await waitFor("the next holder's timer", () => f.room.state.shareEndsAt > first);
    expect(f.room.state.shareEndsAt - first).toBeGreaterThanOrEqual(20);

    facilitate(f, { action: "endRound" });
    await waitFor("no timer", () => f.room.state.shareEndsAt === 0);
  });

  it("moves the piece on when its holder leaves", async () => {
    const { f, order } = await circleOfFive();
    facilitate(f, { action: "startRound", shareSeconds: null });
    await waitFor("the first holder", () => f.room.state.roundHolder === order[0]!.id);
    await order[0]!.room.leave();
    await waitFor("the next holder", () => f.room.state.roundHolder === order[1]!.id);
    expect(seen(f, order[1]!)?.micAllowed).toBe(true);
  });

  it("is refused when nobody can hold the piece, and silences nobody", async () => {
    const f = await facilitator("Sam Facilitator");
    const a = await participant("Quiet Otter");
    await allSeeEachOther(f, a);
    a.room.send("away", { away: true }); // stepped out: cannot take the piece
    await waitFor("A away", () => seen(f, a)?.away);

    facilitate(f, { action: "startRound", shareSeconds: null });
    expect(await nextError(f, 0)).toEqual({ code: "not_allowed", type: "facilitate", message: "There is nobody in the circle to pass the piece to right now." });
    a.room.send("away", { away: false });
    await waitFor("A back", () => seen(f, a)?.away === false);
    expect(f.room.state.roundActive).toBe(false);
    expect(seen(f, a)?.micAllowed).toBe(true);
    expect(a.notices).toEqual([]);
  });

  it("does not silence people in a breakout circle while the main circle holds a round", async () => {
    const { f, order } = await circleOfFive();
    facilitate(f, { action: "sendToBreakout", target: order[3]!.id, breakout: "garden" });
    await waitFor("in the garden", () => seen(f, order[3]!)?.space === "breakout:garden");
    facilitate(f, { action: "startRound", shareSeconds: null });
    await waitFor("the round", () => f.room.state.roundActive && seen(f, order[1]!)?.micAllowed === false);
    await sleep(100);
    expect(seen(f, order[3]!)?.micAllowed).toBe(true);
    expect(order[3]!.notices.map((n) => n.kind)).not.toContain("round-waiting");
  });
});

// ---------------------------------------------------------------------------------- restart (last: it replaces the server)
