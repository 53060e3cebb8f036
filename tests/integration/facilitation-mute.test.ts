/**
 * Facilitator controls and the guided circle flow (issue 5) through real colyseus.js clients against an in-process Hearth: mute, allow to speak, ask to unmute, and raised hands.
 */
import { describe, expect, it } from "vitest";
import { OPEN_CIRCLE_ID } from "../../server/circles/catalog.ts";
import { waitFor } from "../support/wait.ts";
import {
  participant,
  facilitator,
  facilitate,
  seen,
  snapshot,
  allSeeEachOther,
  nextError,
  noticeOf,
  auditEntry,
  useFacilitationHearth,
} from "./support/facilitation-circle.ts";

useFacilitationHearth();

describe("mute and allow to speak", () => {
  it("mute takes away permission to speak, stops the microphone and tells the person kindly", async () => {
    const f = await facilitator("Sam Facilitator");
    const p = await participant("Quiet Otter");
    const other = await participant("Steady Heron");
    await allSeeEachOther(f, p, other);

    facilitate(f, { action: "mute", target: p.id });
    await waitFor("P muted, as others see it", () => seen(other, p)?.micAllowed === false);
    expect(seen(other, p)).toMatchObject({ micAllowed: false, mutedByFacilitator: true, muted: true });
    expect(await noticeOf(p, "muted-by-facilitator")).toEqual({ kind: "muted-by-facilitator", message: "The facilitator has muted you for now." });
    expect(seen(other, other)?.micAllowed).toBe(true);
    expect(other.notices).toEqual([]);
    expect(f.errors).toEqual([]);
    expect(await auditEntry(f, /^mute\b/)).toMatchObject({ actor_kind: "facilitator", target: p.id, circle_id: OPEN_CIRCLE_ID });

    // The muted person cannot unmute themselves.
    p.room.send("selfMute", { muted: false });
    expect(await nextError(p, 0)).toMatchObject({ code: "not_allowed", type: "selfMute", message: "The facilitator has muted you for now." });
    expect(seen(p, p)?.muted).toBe(true);
  });

  it("allow to speak gives the permission back without turning the microphone on", async () => {
    const f = await facilitator("Sam Facilitator");
    const p = await participant("Quiet Otter");
    await allSeeEachOther(f, p);
    facilitate(f, { action: "mute", target: p.id });
    await waitFor("P muted", () => seen(f, p)?.mutedByFacilitator);

    facilitate(f, { action: "allowToSpeak", target: p.id });
    await waitFor("P allowed", () => seen(f, p)?.micAllowed === true);
    expect(seen(f, p)).toMatchObject({ micAllowed: true, mutedByFacilitator: false, muted: true });
    expect(await noticeOf(p, "allowed-to-speak")).toEqual({
      kind: "allowed-to-speak",
      message: "You can speak again whenever you're ready. Unmute yourself when you want to.",
    });
    p.room.send("selfMute", { muted: false });
    await waitFor("P unmuted by choice", () => seen(f, p)?.muted === false);
    expect(p.errors).toEqual([]);
  });

  it("allow to speak is refused, clearly, for someone who is free to speak already", async () => {
    const f = await facilitator("Sam Facilitator");
    const p = await participant("Quiet Otter");
    await allSeeEachOther(f, p);
    facilitate(f, { action: "allowToSpeak", target: p.id });
    expect(await nextError(f, 0)).toEqual({ code: "not_allowed", type: "facilitate", message: "They are free to speak already." });
    expect(await auditEntry(f, /^refused:allowToSpeak\b/)).toMatchObject({ actor_kind: "facilitator", target: p.id });
  });

  it("mute all mutes every participant and leaves the facilitators free", async () => {
    const f1 = await facilitator("Sam Facilitator");
    const f2 = await facilitator("Robin Cofacilitator");
    const a = await participant("Quiet Otter");
    const b = await participant("Steady Heron");
    await allSeeEachOther(f1, f2, a, b);

    facilitate(f1, { action: "muteAll" });
    await waitFor("A and B muted", () => seen(f2, a)?.micAllowed === false && seen(f2, b)?.micAllowed === false);
    for (const p of [a, b]) {
      expect(seen(f2, p)).toMatchObject({ micAllowed: false, mutedByFacilitator: true, muted: true });
      expect((await noticeOf(p, "muted-by-facilitator")).message).toBe("The facilitator has muted you for now.");
    }
    for (const fac of [f1, f2]) expect(seen(f2, fac)).toMatchObject({ micAllowed: true, mutedByFacilitator: false, muted: false });
    expect(f1.notices).toEqual([]);
    expect(f2.notices).toEqual([]);
  });

  it("ask to unmute only asks: it never changes anyone's microphone or permission", async () => {
    const f = await facilitator("Sam Facilitator");
    const p = await participant("Quiet Otter");
    await allSeeEachOther(f, p);
    p.room.send("selfMute", { muted: true });
    await waitFor("P self-muted", () => seen(f, p)?.muted);
    const before = snapshot(f);

    facilitate(f, { action: "askToUnmute", target: p.id });
    expect(await noticeOf(p, "asked-to-unmute")).toEqual({
      kind: "asked-to-unmute",
      message: "The facilitator invites you to unmute when you're ready.",
    });
    // Marker: P lowers nothing, so use a harmless flag change from F.
    f.room.send("away", { away: true });
    await waitFor("the marker", () => seen(f, f)?.away);
    const expected = structuredClone(before);
    expected.participants[f.id]!.away = true;
    expect(snapshot(f)).toEqual(expected);
    expect(seen(f, p)).toMatchObject({ muted: true, micAllowed: true, mutedByFacilitator: false });
  });
});

describe("raised hands", () => {
  it("queue in the order they went up, and leave the queue when lowered", async () => {
    const f = await facilitator("Sam Facilitator");
    const a = await participant("Quiet Otter");
    const b = await participant("Steady Heron");
    const c = await participant("Gentle Oak");
    await allSeeEachOther(f, a, b, c);

    for (const p of [c, a, b]) {
      p.room.send("raiseHand", { raised: true });
      await waitFor(`${p.pseudonym}'s hand`, () => seen(f, p)?.handRaised);
    }
    expect([...f.room.state.handQueue]).toEqual([c.id, a.id, b.id]);

    a.room.send("raiseHand", { raised: false });
    await waitFor("A's hand down", () => f.room.state.handQueue.length === 2);
    expect([...f.room.state.handQueue]).toEqual([c.id, b.id]);
    a.room.send("raiseHand", { raised: true }); // back to the end of the queue
    await waitFor("A's hand again", () => f.room.state.handQueue.length === 3);
    expect([...f.room.state.handQueue]).toEqual([c.id, b.id, a.id]);
  });

  it("lower hand: takes the hand down, out of the queue, and tells the person", async () => {
    const f = await facilitator("Sam Facilitator");
    const a = await participant("Quiet Otter");
    const b = await participant("Steady Heron");
    await allSeeEachOther(f, a, b);
    a.room.send("raiseHand", { raised: true });
    b.room.send("raiseHand", { raised: true });
    await waitFor("two hands", () => f.room.state.handQueue.length === 2);

    facilitate(f, { action: "lowerHand", target: a.id });
    await waitFor("A's hand down", () => seen(f, a)?.handRaised === false);
    expect([...f.room.state.handQueue]).toEqual([b.id]);
    expect(await noticeOf(a, "hand-lowered")).toEqual({ kind: "hand-lowered", message: "The facilitator lowered your hand." });
    expect(b.notices).toEqual([]);

    facilitate(f, { action: "lowerHand", target: a.id });
    expect(await nextError(f, 0)).toMatchObject({ code: "not_allowed", message: "Their hand is not raised." });
  });

  it("invite to speak: lowers the hand, lifts a facilitator's mute, and invites", async () => {
    const f = await facilitator("Sam Facilitator");
    const a = await participant("Quiet Otter");
    const b = await participant("Steady Heron");
    await allSeeEachOther(f, a, b);
    facilitate(f, { action: "mute", target: a.id });
    await waitFor("A muted", () => seen(f, a)?.mutedByFacilitator);
    a.room.send("raiseHand", { raised: true });
    b.room.send("raiseHand", { raised: true });
    await waitFor("two hands", () => f.room.state.handQueue.length === 2);

    facilitate(f, { action: "inviteToSpeak", target: a.id });
    await waitFor("A invited", () => seen(f, a)?.micAllowed && !seen(f, a)?.handRaised);
    expect(seen(f, a)).toMatchObject({ handRaised: false, micAllowed: true, mutedByFacilitator: false, muted: true });
    expect([...f.room.state.handQueue]).toEqual([b.id]);
    expect(await noticeOf(a, "invited-to-speak")).toEqual({
      kind: "invited-to-speak",
      message: "The facilitator invites you to speak. Unmute when you're ready.",
    });
  });
});

// ---------------------------------------------------------------------------------- seats and spaces
