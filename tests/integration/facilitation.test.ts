/**
 * Facilitator controls and the guided circle flow (issue 5), through real colyseus.js clients
 * against an in-process Hearth: who may act, what each action does to the room's state and to
 * the people it touches, and what is written down (audit log, bans).
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { ColyseusTestServer } from "@colyseus/testing";
import type { Room } from "colyseus.js";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { type HearthServer, startHearth } from "../../server/app.ts";
import { OPEN_CIRCLE_ID } from "../../server/circles/catalog.ts";
import { loadConfig } from "../../server/config.ts";
import { type CircleState, NO_SEAT, type Participant } from "../../server/rooms/state.ts";
import { sha256 } from "../../server/store/ids.ts";
import { type FacilitatorAction, type FacilitatorActionName, facilitatorActionSchema } from "../../shared/facilitation.ts";
import { newParticipantKey } from "../../shared/participant-key.ts";
import { CloseCode, type ErrorReply, type NoticeMessage, ROOM_NAME, ServerMessage } from "../../shared/protocol.ts";
import { freePort } from "../support/free-port.ts";
import { sleep, waitFor } from "../support/wait.ts";

const CAPACITY = 8;
const FACILITATOR_KEY = "a-facilitator-key-for-tests";
const COLOR = "#e07a5f";

let hearth: HearthServer;
let colyseus: ColyseusTestServer;
let dataDir: string;

interface Person {
  room: Room<CircleState>;
  id: string;
  pseudonym: string;
  participantKey?: string;
  errors: ErrorReply[];
  notices: NoticeMessage[];
  /** Notices and the close, in the order they arrived. */
  events: string[];
  /** Resolves with the close code when the server ends the connection. */
  closed: Promise<number>;
}

async function join(pseudonym: string, options: Record<string, unknown> = {}): Promise<Person> {
  const room = await colyseus.sdk.joinOrCreate<CircleState>(ROOM_NAME, {
    circleId: OPEN_CIRCLE_ID,
    pseudonym,
    color: COLOR,
    ...options,
  });
  const person: Person = {
    room,
    id: room.sessionId,
    pseudonym,
    participantKey: options.participantKey as string | undefined,
    errors: [],
    notices: [],
    events: [],
    closed: new Promise<number>((resolve) => room.onLeave(resolve)),
  };
  room.onMessage(ServerMessage.Poses, () => undefined); // poses are not what these tests look at
  room.onMessage(ServerMessage.Error, (reply: ErrorReply) => person.errors.push(reply));
  room.onMessage(ServerMessage.Notice, (notice: NoticeMessage) => {
    person.notices.push(notice);
    person.events.push(`notice:${notice.kind}`);
  });
  void person.closed.then((code) => person.events.push(`closed:${code}`));
  await waitFor(`${pseudonym}'s first state`, () => room.state.participants?.get(room.sessionId));
  return person;
}

/** A participant with a device key (so a ban can persist). */
const participant = (pseudonym: string) => join(pseudonym, { participantKey: newParticipantKey() });
/** Someone who entered with the open circle's facilitator key. */
const facilitator = (pseudonym: string) => join(pseudonym, { facilitatorKey: FACILITATOR_KEY });

const facilitate = (who: Person, action: FacilitatorAction) => who.room.send("facilitate", action);

/** `who` as `viewer` currently sees them. */
const seen = (viewer: Person, who: Person | string): Participant | undefined =>
  viewer.room.state.participants.get(typeof who === "string" ? who : who.id);
const snapshot = (viewer: Person) => viewer.room.state.toJSON() as {
  phase: string;
  phaseStartedAt: number;
  locked: boolean;
  roundActive: boolean;
  roundHolder: string;
  shareEndsAt: number;
  handQueue: string[];
  participants: Record<string, Record<string, unknown>>;
};

/** Waits until everyone in `people` sees everyone in `people`. */
async function allSeeEachOther(...people: Person[]): Promise<void> {
  for (const viewer of people) {
    for (const other of people) await waitFor(`${viewer.pseudonym} to see ${other.pseudonym}`, () => seen(viewer, other));
  }
}

/** The code the server closed `who`'s connection with, or a description of what happened instead. */
const closeCode = (who: Person, ms = 5000): Promise<number | string> =>
  Promise.race([who.closed, sleep(ms).then(() => `still open after ${ms} ms (errors: ${JSON.stringify(who.errors)})`)]);
const nextError = (who: Person, after = who.errors.length) => waitFor(`an error for ${who.pseudonym}`, () => who.errors[after]);
const noticeOf = (who: Person, kind: string) => waitFor(`a "${kind}" notice for ${who.pseudonym}`, () => who.notices.find((n) => n.kind === kind));

interface AuditRecord {
  action: string;
  target: string | null;
  actor_kind: string;
  actor_id: string | null;
  circle_id: string | null;
}
const auditRows = () => hearth.scheduling.db.query<AuditRecord>("SELECT action, target, actor_kind, actor_id, circle_id FROM audit_log ORDER BY id");
/** The audit rows written for `actor` (identified in the row by their participant id). */
const auditOf = async (actor: Person) => (await auditRows()).filter((r) => r.action.includes(actor.id));
async function auditEntry(actor: Person, action: RegExp): Promise<AuditRecord> {
  const deadline = Date.now() + 5000;
  for (;;) {
    const row = (await auditOf(actor)).find((r) => action.test(r.action));
    if (row) return row;
    if (Date.now() > deadline) throw new Error(`No audit row matching ${action} for ${actor.pseudonym}: ${JSON.stringify(await auditOf(actor))}`);
    await sleep(20);
  }
}
const bansFor = (key: string) =>
  hearth.scheduling.db.query<{ circle_id: string }>("SELECT circle_id FROM bans WHERE participant_key_hash = $1", [sha256(key)]);

/** colyseus.js warns on every refused join and closed connection; those are expected here. */
function hideExpectedClientWarnings(): void {
  const expected = /^(colyseus\.js - onError|Room connection was closed unexpectedly)/;
  const warn = console.warn.bind(console);
  vi.spyOn(console, "warn").mockImplementation((...args: unknown[]) => {
    if (!expected.test(String(args[0]))) warn(...args);
  });
}

async function startTestHearth(): Promise<void> {
  hearth = await startHearth(
    loadConfig({
      PORT: String(await freePort()),
      HOST: "127.0.0.1",
      CLIENT_DIR: "nonexistent",
      OPEN_CIRCLE_CAPACITY: String(CAPACITY),
      VOICE: "off",
      DATA_DIR: dataDir,
      FACILITATOR_KEY,
    }),
  );
  colyseus = new ColyseusTestServer(hearth.gameServer);
}

beforeAll(async () => {
  hideExpectedClientWarnings();
  dataDir = mkdtempSync(path.join(tmpdir(), "hearth-facilitation-"));
  await startTestHearth();
});
afterEach(() => colyseus.cleanup());
afterAll(async () => {
  await hearth?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

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
    expect(seen(n, w)?.space).toBe("waiting"); // unlocking does not admit those already waiting
  });

  it("admit lets one person in, to a free seat, and welcomes them", async () => {
    const f = await facilitator("Sam Facilitator");
    facilitate(f, { action: "lock" });
    await waitFor("locked", () => f.room.state.locked);
    const w1 = await participant("Quiet Otter");
    const w2 = await participant("Steady Heron");
    await allSeeEachOther(f, w1, w2);

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

  it("admit all lets everyone waiting in, each to their own seat", async () => {
    const f = await facilitator("Sam Facilitator");
    facilitate(f, { action: "lock" });
    await waitFor("locked", () => f.room.state.locked);
    const waiting = [await participant("Quiet Otter"), await participant("Steady Heron"), await participant("Gentle Oak")];
    await allSeeEachOther(f, ...waiting);

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

describe("remove", () => {
  it("ends the person's connection (4101) after telling them, frees their seat and refuses their reconnection token", async () => {
    const f = await facilitator("Sam Facilitator");
    const a = await participant("Quiet Otter");
    const b = await participant("Steady Heron");
    await allSeeEachOther(f, a, b);
    a.room.send("raiseHand", { raised: true });
    await waitFor("A's hand", () => seen(f, a)?.handRaised);
    const token = a.room.reconnectionToken;

    facilitate(f, { action: "remove", target: a.id });
    expect(await closeCode(a)).toBe(CloseCode.Removed);
    expect(a.events).toEqual(["notice:removed", `closed:${CloseCode.Removed}`]);
    expect(a.notices).toEqual([{ kind: "removed", message: "A facilitator has asked you to leave this session." }]);
    await waitFor("A's seat freed", () => !seen(b, a.id));
    expect([...b.room.state.handQueue]).toEqual([]);
    await expect(colyseus.sdk.reconnect(token)).rejects.toThrow();
    expect(await auditEntry(f, /^remove\b/)).toMatchObject({ actor_kind: "facilitator", target: a.id });
    // Only a removal from this session: they may come back through the door.
    const again = await participant("Quiet Otter");
    expect(seen(again, again)?.space).toBe("main");
  });

  it("also removes someone whose connection has dropped, so they cannot slip back in", async () => {
    const f = await facilitator("Sam Facilitator");
    const a = await participant("Quiet Otter");
    await allSeeEachOther(f, a);
    const token = a.room.reconnectionToken;
    a.room.connection.close(4999); // not a consented leave: the seat is held for a reconnect
    await waitFor("A shown as reconnecting", () => seen(f, a)?.connected === false);

    facilitate(f, { action: "remove", target: a.id });
    await waitFor("A gone", () => !seen(f, a.id));
    await expect(colyseus.sdk.reconnect(token)).rejects.toThrow();
    expect(f.errors).toEqual([]);
  });
});

describe("ban", () => {
  it("persists a ban of the person's device key, ends their connection and refuses them on a new join", async () => {
    const f = await facilitator("Sam Facilitator");
    const a = await participant("Quiet Otter");
    const b = await participant("Steady Heron");
    await allSeeEachOther(f, a, b);
    const token = a.room.reconnectionToken;

    facilitate(f, { action: "ban", target: a.id });
    expect(await closeCode(a), JSON.stringify(f.errors)).toBe(CloseCode.Removed);
    expect(a.notices).toEqual([{ kind: "banned", message: "You can no longer take part in this circle." }]);
    expect(await bansFor(a.participantKey!)).toEqual([{ circle_id: OPEN_CIRCLE_ID }]);
    await waitFor("A's seat freed", () => !seen(b, a.id));
    expect(await auditEntry(f, /^ban\b/)).toMatchObject({ actor_kind: "facilitator", target: a.id });

    await expect(colyseus.sdk.reconnect(token)).rejects.toThrow();
    await expect(join("Another Name", { participantKey: a.participantKey })).rejects.toThrow(/cannot join this circle/);
    // Someone else with their own key is still welcome.
    await participant("Gentle Oak");
  });

  it("is refused for someone without a device key, with advice to remove instead; nothing changes", async () => {
    const f = await facilitator("Sam Facilitator");
    const a = await join("Quiet Otter"); // no participantKey
    await allSeeEachOther(f, a);
    facilitate(f, { action: "ban", target: a.id });
    expect(await nextError(f, 0)).toMatchObject({ code: "not_allowed", message: expect.stringMatching(/remove them instead/) });
    expect(a.room.connection.isOpen).toBe(true);
    expect(seen(f, a)).toBeDefined();
  });

  it("bans someone whose connection has dropped, so their reconnection token is refused", async () => {
    const f = await facilitator("Sam Facilitator");
    const a = await participant("Quiet Otter");
    await allSeeEachOther(f, a);
    const token = a.room.reconnectionToken;
    a.room.connection.close(4999);
    await waitFor("A shown as reconnecting", () => seen(f, a)?.connected === false);

    facilitate(f, { action: "ban", target: a.id });
    await waitFor("A gone (or the ban refused)", () => !seen(f, a.id) || f.errors[0]);
    expect(f.errors).toEqual([]);
    await expect(colyseus.sdk.reconnect(token)).rejects.toThrow();
    expect(await bansFor(a.participantKey!)).toEqual([{ circle_id: OPEN_CIRCLE_ID }]);
  });
});

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

describe("phases", () => {
  it("set phase moves the circle on and restarts the phase timer", async () => {
    const f = await facilitator("Sam Facilitator");
    const p = await participant("Quiet Otter");
    await allSeeEachOther(f, p);
    expect(p.room.state.phase).toBe("arrival");
    const before = p.room.state.phaseStartedAt;
    await sleep(20);
    const asked = Date.now();

    facilitate(f, { action: "setPhase", phase: "checkin" });
    await waitFor("check-in", () => p.room.state.phase === "checkin");
    expect(p.room.state.phaseStartedAt).toBeGreaterThan(before);
    expect(p.room.state.phaseStartedAt).toBeGreaterThanOrEqual(asked - 5);
    expect(p.room.state.phaseStartedAt).toBeLessThanOrEqual(Date.now());
    expect(await auditEntry(f, /^setPhase\b/)).toMatchObject({ target: null });
  });
});

describe("ending the session", () => {
  it.each([
    ["end session", { action: "endSession" } as FacilitatorAction],
    ["the End phase", { action: "setPhase", phase: "ended" } as FacilitatorAction],
  ])("%s: tells everyone, then closes every connection with 4100", async (_what, action) => {
    const f = await facilitator("Sam Facilitator");
    const a = await participant("Quiet Otter");
    const b = await participant("Steady Heron");
    await allSeeEachOther(f, a, b);
    const token = a.room.reconnectionToken;

    facilitate(f, action);
    for (const person of [f, a, b]) {
      expect(await closeCode(person)).toBe(CloseCode.SessionEnded);
      expect(person.events).toEqual(["notice:session-ended", `closed:${CloseCode.SessionEnded}`]);
      expect(person.notices[0]).toEqual({ kind: "session-ended", message: "The facilitator has ended the session. Thank you for being here." });
    }
    await expect(colyseus.sdk.reconnect(token)).rejects.toThrow();
  });

  it("does not seat a newcomer in the session that is ending: they start a fresh one", async () => {
    const f = await facilitator("Sam Facilitator");
    const ended = f.room.roomId;
    facilitate(f, { action: "endSession" });
    await noticeOf(f, "session-ended");
    const late = await participant("Quiet Otter");
    expect(late.room.roomId).not.toBe(ended);
    await sleep(400);
    expect(late.room.connection.isOpen).toBe(true);
    expect(late.room.state.phase).toBe("arrival");
  });
});

// ---------------------------------------------------------------------------------- talking piece

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

describe("a ban across a server restart", () => {
  it("still refuses the banned key after Hearth restarts on the same data", async () => {
    const f = await facilitator("Sam Facilitator");
    const a = await participant("Restart Banned");
    await allSeeEachOther(f, a);
    facilitate(f, { action: "ban", target: a.id });
    expect(await closeCode(a), JSON.stringify(f.errors)).toBe(CloseCode.Removed);
    await colyseus.cleanup();

    await hearth.close();
    await startTestHearth();
    expect(await bansFor(a.participantKey!)).toEqual([{ circle_id: OPEN_CIRCLE_ID }]);
    await expect(join("Restart Banned", { participantKey: a.participantKey })).rejects.toThrow(/cannot join this circle/);
    await participant("Gentle Oak");
  });
});

describe("a lock across a server restart", () => {
  it("keeps newcomers in the waiting room after Hearth restarts, until a facilitator unlocks", async () => {
    const f = await facilitator("Sam Facilitator");
    facilitate(f, { action: "lock" });
    await waitFor("the lock", () => f.room.state.locked);
    await sleep(100); // the lock is written down asynchronously

    await hearth.close(); // a shutdown, not an emptied circle: the lock stays
    await startTestHearth();
    const late = await participant("Late Heron");
    expect(late.room.state.locked).toBe(true);
    expect(seen(late, late)?.space).toBe("waiting");

    const g = await facilitator("Sam Again");
    facilitate(g, { action: "unlock" });
    await waitFor("unlocked", () => !g.room.state.locked);
    const next = await participant("Early Oak");
    expect(seen(next, next)?.space).toBe("main");
  });
});

describe("a lock when everyone has left", () => {
  it("is lifted, so the next people to come start an open session", async () => {
    const f = await facilitator("Sam Facilitator");
    facilitate(f, { action: "lock" });
    await waitFor("the lock", () => f.room.state.locked);
    await colyseus.cleanup(); // everyone leaves: the room closes
    await sleep(200);
    const next = await participant("Early Oak");
    expect(next.room.state.locked).toBe(false);
    expect(seen(next, next)?.space).toBe("main");
  });
});
