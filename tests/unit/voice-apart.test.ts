import { Clock } from "@colyseus/core";
import { TrackType } from "livekit-server-sdk";
import { afterEach, describe, expect, it } from "vitest";
import { VOICE_APART_CONFIRM_MS, VOICE_APART_RECONCILE_MS, VoiceApart } from "../../server/rooms/voice-apart.ts";
import type { Participant } from "../../server/rooms/state.ts";
import type { VoiceService } from "../../server/voice/service.ts";

/** A LiveKit stand-in: who is in the voice room with which connection, and what the room asked of it. */
function fakeVoice(listing: { identity: string; sid: string; audio: boolean }[]) {
  const kept: [string, string][][] = [];
  const service = {
    listing: async () => listing.map((p) => ({ identity: p.identity, sid: p.sid, tracks: p.audio ? [{ type: TrackType.AUDIO, sid: `TR_${p.identity}` }] : [] })),
    keepApart: async (_room: string, pairs: [string, string][]) => void kept.push(pairs),
  };
  return { service: service as unknown as VoiceService, listing, kept };
}

const clocks: Clock[] = [];
afterEach(() => clocks.splice(0).forEach((clock) => clock.clear()));

function setUp(listing: { identity: string; sid: string; audio: boolean }[], blocks: [string, string][]) {
  const clock = new Clock(true);
  clocks.push(clock);
  const voice = fakeVoice(listing);
  const applied: string[] = [];
  const told: [string, boolean][] = [];
  const participants = new Map(["a", "b", "c"].map((id) => [id, { id, space: "main" } as Participant]));
  const apart = new VoiceApart({
    roomId: "room",
    clock,
    voice: voice.service,
    blocks: () => blocks,
    participant: (id) => participants.get(id),
    applyPermission: (id) => applied.push(id),
    tell: (id, paused) => told.push([id, paused]),
  });
  return { apart, voice, applied, told, participants, blocks };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, VOICE_APART_CONFIRM_MS + 3 * VOICE_APART_RECONCILE_MS));

describe("blocks in voice against clients that set no subscription permission", () => {
  it("pauses the hearing of the blocked person when the blocker's client does not confirm, and the blocker keeps theirs", async () => {
    const { apart, applied, told, voice } = setUp(
      [
        { identity: "a", sid: "PA_a1", audio: true },
        { identity: "b", sid: "PA_b1", audio: true },
      ],
      [["a", "b"]],
    );
    apart.changed();
    expect(apart.canSubscribe("b")).toBe(true); // a grace for the blocker's client to confirm
    await settle();
    expect(apart.canSubscribe("b")).toBe(false);
    expect(apart.canSubscribe("a")).toBe(true);
    expect(applied).toEqual(["b"]);
    expect(told).toEqual([["b", true]]);
    expect(voice.kept.length).toBeGreaterThan(1); // unsubscribed again on every round
  });

  it("keeps everyone hearing when the blocker's client confirms for its current connection in time", async () => {
    const { apart, applied } = setUp([{ identity: "a", sid: "PA_a1", audio: true }], [["a", "b"]]);
    apart.changed();
    apart.confirm("a", { sid: "PA_a1", hidden: ["b"] });
    await settle();
    expect(apart.canSubscribe("b")).toBe(true);
    expect(applied).toEqual([]);
  });

  it("does not take a confirmation for another LiveKit connection, or one that leaves the blocked person out", async () => {
    const stale = setUp([{ identity: "a", sid: "PA_a2", audio: true }], [["a", "b"]]);
    stale.apart.confirm("a", { sid: "PA_a1", hidden: ["b"] });
    await settle();
    expect(stale.apart.canSubscribe("b")).toBe(false);

    const partial = setUp([{ identity: "a", sid: "PA_a1", audio: true }], [["a", "b"]]);
    partial.apart.confirm("a", { sid: "PA_a1", hidden: ["c"] });
    await settle();
    expect(partial.apart.canSubscribe("b")).toBe(false);
  });

  it("gives the hearing back when the blocker confirms late, leaves voice, or unblocks", async () => {
    const late = setUp([{ identity: "a", sid: "PA_a1", audio: true }], [["a", "b"]]);
    late.apart.changed();
    await settle();
    expect(late.apart.canSubscribe("b")).toBe(false);
    late.apart.confirm("a", { sid: "PA_a1", hidden: ["b"] });
    await settle();
    expect(late.apart.canSubscribe("b")).toBe(true);
    expect(late.told).toEqual([["b", true], ["b", false]]);

    const left = setUp([{ identity: "a", sid: "PA_a1", audio: true }], [["a", "b"]]);
    left.apart.changed();
    await settle();
    left.voice.listing.splice(0);
    left.apart.changed();
    await settle();
    expect(left.apart.canSubscribe("b")).toBe(true);

    const unblocked = setUp([{ identity: "a", sid: "PA_a1", audio: true }], [["a", "b"]]);
    unblocked.apart.changed();
    await settle();
    unblocked.blocks.splice(0);
    unblocked.apart.changed();
    await settle();
    expect(unblocked.apart.canSubscribe("b")).toBe(true);
  });

  it("pauses nobody for a blocker who publishes nothing, or who is in another space", async () => {
    const silent = setUp([{ identity: "a", sid: "PA_a1", audio: false }], [["a", "b"]]);
    silent.apart.changed();
    await settle();
    expect(silent.apart.canSubscribe("b")).toBe(true);

    const elsewhere = setUp([{ identity: "a", sid: "PA_a1", audio: true }], [["a", "b"]]);
    elsewhere.participants.get("a")!.space = "breakout:1";
    elsewhere.apart.changed();
    await settle();
    expect(elsewhere.apart.canSubscribe("b")).toBe(true);
    expect(elsewhere.voice.kept).toEqual([]);
  });
});
