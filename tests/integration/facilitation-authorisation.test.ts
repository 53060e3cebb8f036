/**
 * Facilitator controls and the guided circle flow (issue 5) through real colyseus.js clients against an in-process Hearth: who may act (a facilitator's key, participants refused, co-facilitators).
 */
import { describe, expect, it } from "vitest";
import { OPEN_CIRCLE_ID } from "../../server/circles/catalog.ts";
import { type FacilitatorAction, type FacilitatorActionName, facilitatorActionSchema } from "../../shared/facilitation.ts";
import { waitFor } from "../support/wait.ts";
import {
  join,
  participant,
  facilitator,
  facilitate,
  seen,
  snapshot,
  allSeeEachOther,
  nextError,
  auditOf,
  auditEntry,
  bansFor,
  type Person,
  useFacilitationHearth,
} from "./support/facilitation-circle.ts";

useFacilitationHearth();

describe("entering as a facilitator", () => {
  it("gives the facilitator role to whoever brings the configured key", async () => {
    const f = await facilitator("Sam Facilitator");
    const p = await participant("Quiet Otter");
    await allSeeEachOther(f, p);
    expect(seen(p, f)).toMatchObject({ role: "facilitator", space: "main", micAllowed: true });
    expect(seen(f, p)).toMatchObject({ role: "participant", space: "main", micAllowed: true });
  });

  it("refuses a wrong key, and does not quietly seat the person as a participant", async () => {
    await expect(join("Sly Fox", { facilitatorKey: "not-the-facilitator-key" })).rejects.toThrow(/facilitator key is not valid/);
  });
});

// ---------------------------------------------------------------------------------- authorisation

interface Cast {
  f: Person;
  /** The participant who tries a facilitator's action. */
  actor: Person;
  /** The other participant the action would touch. */
  target: Person;
}

interface AuthCase {
  name: FacilitatorActionName;
  payload: (cast: Cast) => FacilitatorAction;
  /** Makes the action meaningful first (so that, were it allowed, something would change). */
  setup?: (cast: Cast) => Promise<void>;
}

const muteTarget = async ({ f, target }: Cast) => {
  facilitate(f, { action: "mute", target: target.id });
  await waitFor("the target muted", () => seen(f, target)?.mutedByFacilitator);
};
const raiseTargetHand = async ({ f, target }: Cast) => {
  target.room.send("raiseHand", { raised: true });
  await waitFor("the target's hand up", () => seen(f, target)?.handRaised);
};
const targetWaits = async ({ f, target }: Cast) => {
  facilitate(f, { action: "sendToWaitingRoom", target: target.id });
  await waitFor("the target waiting", () => seen(f, target)?.space === "waiting");
};
const targetInBreakout = async ({ f, target }: Cast) => {
  facilitate(f, { action: "sendToBreakout", target: target.id, breakout: "garden" });
  await waitFor("the target in a breakout", () => seen(f, target)?.space === "breakout:garden");
};
const roundRuns = async ({ f }: Cast) => {
  facilitate(f, { action: "startRound", shareSeconds: null });
  await waitFor("a round", () => f.room.state.roundActive && f.room.state.roundHolder);
};

const authCases: AuthCase[] = [
  { name: "mute", payload: ({ target }) => ({ action: "mute", target: target.id }) },
  { name: "muteAll", payload: () => ({ action: "muteAll" }) },
  { name: "allowToSpeak", payload: ({ target }) => ({ action: "allowToSpeak", target: target.id }), setup: muteTarget },
  { name: "askToUnmute", payload: ({ target }) => ({ action: "askToUnmute", target: target.id }) },
  { name: "lowerHand", payload: ({ target }) => ({ action: "lowerHand", target: target.id }), setup: raiseTargetHand },
  { name: "inviteToSpeak", payload: ({ target }) => ({ action: "inviteToSpeak", target: target.id }), setup: raiseTargetHand },
  { name: "moveSeat", payload: ({ f, target }) => ({ action: "moveSeat", target: target.id, seat: seen(f, f)!.seat }) },
  { name: "sendToWaitingRoom", payload: ({ target }) => ({ action: "sendToWaitingRoom", target: target.id }) },
  { name: "admit", payload: ({ target }) => ({ action: "admit", target: target.id }), setup: targetWaits },
  { name: "admitAll", payload: () => ({ action: "admitAll" }), setup: targetWaits },
  { name: "sendToBreakout", payload: ({ target }) => ({ action: "sendToBreakout", target: target.id, breakout: "garden" }) },
  { name: "bringBack", payload: ({ target }) => ({ action: "bringBack", target: target.id }), setup: targetInBreakout },
  { name: "talkPrivately", payload: ({ target }) => ({ action: "talkPrivately", target: target.id }) },
  { name: "remove", payload: ({ target }) => ({ action: "remove", target: target.id }) },
  { name: "ban", payload: ({ target }) => ({ action: "ban", target: target.id }) },
  { name: "lock", payload: () => ({ action: "lock" }) },
  { name: "unlock", payload: () => ({ action: "unlock" }), setup: async ({ f }) => {
    facilitate(f, { action: "lock" });
    await waitFor("the circle locked", () => f.room.state.locked);
  } },
  { name: "endSession", payload: () => ({ action: "endSession" }) },
  { name: "setPhase", payload: () => ({ action: "setPhase", phase: "sharing" }) },
  { name: "startRound", payload: () => ({ action: "startRound", shareSeconds: 60 }) },
  { name: "advanceRound", payload: () => ({ action: "advanceRound" }), setup: roundRuns },
  { name: "skipHolder", payload: () => ({ action: "skipHolder" }), setup: roundRuns },
  { name: "endRound", payload: () => ({ action: "endRound" }), setup: roundRuns },
  { name: "guideStep", payload: () => ({ action: "guideStep", step: 1 }) },
];

describe("authorisation: a participant attempting a facilitator's action", () => {
  it("is covered here for every action in the action schema", () => {
    const names = facilitatorActionSchema.options.map((option) => option.shape.action.value);
    expect(authCases.map((c) => c.name).sort()).toEqual([...names].sort());
  });

  it.each(authCases)("$name: is refused with not_allowed, changes nothing, and is audited as refused", async ({ name, payload, setup }) => {
    const f = await facilitator("Sam Facilitator");
    const actor = await participant("Quiet Otter");
    const target = await participant("Steady Heron");
    await allSeeEachOther(f, actor, target);
    const cast = { f, actor, target };
    await setup?.(cast);
    const action = payload(cast);
    expect(facilitatorActionSchema.safeParse(action).success).toBe(true); // a valid request, refused only for who sent it
    const before = snapshot(f);
    const targetNotices = target.notices.length;

    facilitate(actor, action);
    const error = await nextError(actor, 0);
    expect(error).toEqual({ code: "not_allowed", type: "facilitate", message: expect.stringMatching(/facilitator/) });

    // The actor raising a hand afterwards is a marker: once F sees it, F has seen every earlier change.
    actor.room.send("raiseHand", { raised: true });
    await waitFor("F to see the marker", () => seen(f, actor)?.handRaised);
    const expected = structuredClone(before);
    expected.participants[actor.id]!.handRaised = true;
    expected.handQueue = [...before.handQueue, actor.id];
    expect(snapshot(f)).toEqual(expected);
    expect(target.notices).toHaveLength(targetNotices);
    expect(target.room.connection.isOpen).toBe(true);
    expect(actor.room.connection.isOpen).toBe(true);
    expect(actor.errors).toHaveLength(1);
    if (name === "ban") expect(await bansFor(target.participantKey!)).toEqual([]);

    const row = await auditEntry(actor, new RegExp(`^refused:${name}\\b`));
    expect(row).toMatchObject({ actor_kind: "participant", circle_id: OPEN_CIRCLE_ID, target: "target" in action ? target.id : null });
    // ... and nothing was recorded as done.
    expect((await auditOf(actor)).filter((r) => !r.action.startsWith("refused:"))).toEqual([]);
  });

  it("refuses passing the talking piece when you do not hold it, and changes nothing", async () => {
    const f = await facilitator("Sam Facilitator");
    const holder = await participant("Quiet Otter");
    const other = await participant("Steady Heron");
    await allSeeEachOther(f, holder, other);
    facilitate(f, { action: "startRound", shareSeconds: null });
    await waitFor("a round", () => f.room.state.roundHolder);
    const [h, o] = f.room.state.roundHolder === holder.id ? [holder, other] : [other, holder];
    const before = snapshot(f);

    o.room.send("passPiece", {});
    expect(await nextError(o, 0)).toEqual({ code: "not_allowed", type: "passPiece", message: "Only the person holding the talking piece can pass it on." });
    o.room.send("raiseHand", { raised: true });
    await waitFor("F to see the marker", () => seen(f, o)?.handRaised);
    const expected = structuredClone(before);
    expected.participants[o.id]!.handRaised = true;
    expected.handQueue = [o.id];
    expect(snapshot(f)).toEqual(expected);
    expect(f.room.state.roundHolder).toBe(h.id);
  });

  it("refuses passing the piece when no round runs", async () => {
    const p = await participant("Quiet Otter");
    p.room.send("passPiece", {});
    expect(await nextError(p, 0)).toMatchObject({ code: "not_allowed", type: "passPiece" });
  });
});

// ---------------------------------------------------------------------------------- speaking

describe("co-facilitators", () => {
  it("can both act in the same session", async () => {
    const f1 = await facilitator("Sam Facilitator");
    const f2 = await facilitator("Robin Cofacilitator");
    const p = await participant("Quiet Otter");
    await allSeeEachOther(f1, f2, p);
    facilitate(f2, { action: "mute", target: p.id });
    await waitFor("P muted by F2", () => seen(f1, p)?.mutedByFacilitator);
    facilitate(f1, { action: "allowToSpeak", target: p.id });
    await waitFor("P allowed by F1", () => seen(f2, p)?.micAllowed);
    facilitate(f2, { action: "setPhase", phase: "checkin" });
    await waitFor("phase set by F2", () => f1.room.state.phase === "checkin");
    expect([...f1.errors, ...f2.errors]).toEqual([]);
  });

  const onAFacilitator: FacilitatorAction["action"][] = ["mute", "remove", "ban", "sendToWaitingRoom", "sendToBreakout"];
  it.each(onAFacilitator)("cannot %s one another: refused, audited, nothing changes", async (name) => {
    const f1 = await facilitator("Sam Facilitator");
    const f2 = await facilitator("Robin Cofacilitator");
    await allSeeEachOther(f1, f2);
    const before = snapshot(f1);
    const action = (name === "sendToBreakout" ? { action: name, target: f2.id, breakout: "garden" } : { action: name, target: f2.id }) as FacilitatorAction;

    facilitate(f1, action);
    expect(await nextError(f1, 0)).toEqual({ code: "not_allowed", type: "facilitate", message: "That can't be done to a facilitator." });
    f1.room.send("raiseHand", { raised: true });
    await waitFor("the marker", () => seen(f1, f1)?.handRaised);
    const expected = structuredClone(before);
    expected.participants[f1.id]!.handRaised = true;
    expected.handQueue = [f1.id];
    expect(snapshot(f1)).toEqual(expected);
    expect(f2.room.connection.isOpen).toBe(true);
    expect(f2.notices).toEqual([]);
    expect(await auditEntry(f1, new RegExp(`^refused:${name}\\b`))).toMatchObject({ actor_kind: "facilitator", target: f2.id });
  });

  it("cannot act on themselves", async () => {
    const f = await facilitator("Sam Facilitator");
    facilitate(f, { action: "askToUnmute", target: f.id });
    expect(await nextError(f, 0)).toMatchObject({ code: "not_allowed", message: "You can't do that to yourself." });
  });
});

// ---------------------------------------------------------------------------------- phases and the end
