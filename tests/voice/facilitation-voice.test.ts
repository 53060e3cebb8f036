/**
 * Facilitator controls against the real LiveKit server: a facilitator's mute, a talking-piece
 * round and breakout circles, each checked by what LiveKit enforces and what a listening bot hears.
 */
import { dispose } from "@livekit/rtc-node";
import { TokenVerifier } from "livekit-server-sdk";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { FacilitatorAction } from "../../shared/facilitation.ts";
import { newParticipantKey } from "../../shared/participant-key.ts";
import { sleep, waitFor } from "../support/wait.ts";
import { type AudioMonitor, joinCircle, type Seat, tokenFor, VoiceBot } from "./support/bots.ts";
import { LIVEKIT_API_KEY, LIVEKIT_API_SECRET, startVoiceHearth, type VoiceHearth } from "./support/livekit.ts";

/** Frames already in flight when a permission change lands may still arrive this long after it. */
const IN_FLIGHT_MS = 500;
/** How long a listener must hear nothing to count as silence. */
const SILENCE_MS = 1500;
const FACILITATOR_KEY = "a-facilitator-key-for-voice-tests";

let hearth: VoiceHearth;
let f: Seat;
let a: Seat;
let b: Seat;
/** The facilitator's bot: the listener in the main circle. */
let listener: VoiceBot;
const bots: VoiceBot[] = [];
const seats: Seat[] = [];

const seen = (viewer: Seat, who: Seat) => viewer.room.state.participants.get(who.id);
const facilitate = (action: FacilitatorAction) => f.room.send("facilitate", action);
const mainVoiceRoom = () => `hearth-${f.room.roomId}`;
const atLiveKit = async (identity: string, voiceRoom = mainVoiceRoom()) =>
  (await hearth.liveKitApi.listParticipants(voiceRoom).catch(() => [])).find((p) => p.identity === identity);

async function join(pseudonym: string, options: Record<string, unknown> = {}): Promise<Seat> {
  const seat = await joinCircle(hearth.wsUrl, pseudonym, options);
  seats.push(seat);
  return seat;
}

async function connectBot(seat: Seat): Promise<VoiceBot> {
  const bot = await VoiceBot.connect(await tokenFor(hearth.httpUrl, seat));
  bots.push(bot);
  return bot;
}

/** How a publish attempt ended, waiting at most `ms` for it. */
async function settle(attempt: Promise<unknown>, ms: number): Promise<"published" | "refused" | "pending"> {
  return Promise.race([
    attempt.then(
      () => "published" as const,
      () => "refused" as const,
    ),
    sleep(ms).then(() => "pending" as const),
  ]);
}

/** Waits until `monitor` hears a steady stream again, from now on. */
async function hears(monitor: AudioMonitor, what: string): Promise<void> {
  const since = performance.now();
  await waitFor(what, () => monitor.audibleCountSince(since) >= 20, 10_000);
}

beforeAll(async () => {
  hearth = await startVoiceHearth({ FACILITATOR_KEY });
  f = await join("Sam Facilitator", { facilitatorKey: FACILITATOR_KEY });
  a = await join("Quiet Otter", { participantKey: newParticipantKey() });
  b = await join("Steady Heron", { participantKey: newParticipantKey() });
  await waitFor("F to see everyone", () => seen(f, a) && seen(f, b));
  expect(seen(a, f)?.role).toBe("facilitator");
  listener = await connectBot(f);
}, 60_000);

afterAll(async () => {
  await Promise.all(bots.map((bot) => bot.close()));
  await Promise.all(seats.filter((seat) => seat.room.connection.isOpen).map((seat) => seat.room.leave()));
  await hearth?.close();
  await dispose();
});

describe("a facilitator's mute, at the LiveKit server", () => {
  let botA: VoiceBot;
  let hearsA: AudioMonitor;

  it("silences a participant: nothing more reaches a listener, and publishing again is refused", { timeout: 60_000 }, async () => {
    botA = await connectBot(a);
    hearsA = listener.listenTo(a.id);
    await botA.publishMicrophone();
    await hears(hearsA, "the listener to hear A");

    facilitate({ action: "mute", target: a.id });
    await waitFor("LiveKit to take A's permission away", async () => (await atLiveKit(a.id))?.permission?.canPublish === false, 10_000, 50);
    const enforcedAt = performance.now();
    await sleep(SILENCE_MS);
    expect(hearsA.audibleCountSince(enforcedAt + IN_FLIGHT_MS)).toBe(0);
    expect((await atLiveKit(a.id))?.tracks).toHaveLength(0);
    expect(seen(b, a)).toMatchObject({ micAllowed: false, mutedByFacilitator: true, muted: true });
    expect(a.notices).toContainEqual({ kind: "muted-by-facilitator", message: "The facilitator has muted you for now." });

    const triedAt = performance.now();
    expect(await settle(botA.publishMicrophone(), 15_000)).toBe("refused");
    expect(hearsA.audibleCountSince(triedAt)).toBe(0);
    expect((await atLiveKit(a.id))?.tracks).toHaveLength(0);
  });

  it("allow to speak lets them publish again, without publishing for them", { timeout: 60_000 }, async () => {
    facilitate({ action: "allowToSpeak", target: a.id });
    await waitFor("LiveKit to give A's permission back", async () => (await atLiveKit(a.id))?.permission?.canPublish === true, 10_000, 50);
    expect((await atLiveKit(a.id))?.tracks).toHaveLength(0); // nothing turned on for them
    await botA.publishMicrophone();
    await hears(hearsA, "the listener to hear A again");
  });

  it("mute all silences every participant at LiveKit but not the facilitator", { timeout: 60_000 }, async () => {
    facilitate({ action: "muteAll" });
    await waitFor("LiveKit to hold A and B muted", async () =>
      (await atLiveKit(a.id))?.permission?.canPublish === false && (await atLiveKit(b.id, mainVoiceRoom()))?.permission?.canPublish !== true, 10_000, 50);
    expect((await atLiveKit(f.id))?.permission?.canPublish).toBe(true);
    facilitate({ action: "allowToSpeak", target: a.id });
    facilitate({ action: "allowToSpeak", target: b.id });
    await waitFor("A and B allowed again", () => seen(f, a)?.micAllowed && seen(f, b)?.micAllowed);
    await waitFor("LiveKit to allow A again", async () => (await atLiveKit(a.id))?.permission?.canPublish === true, 10_000, 50);
    await botA.close();
  });
});

describe("a talking-piece round, at the LiveKit server", () => {
  it("lets only the holder be heard; the others cannot publish", { timeout: 90_000 }, async () => {
    const [botA, botB] = [await connectBot(a), await connectBot(b)];
    const [hearsA, hearsB] = [listener.listenTo(a.id), listener.listenTo(b.id)];
    await Promise.all([botA.publishMicrophone(), botB.publishMicrophone()]);
    await Promise.all([hears(hearsA, "A before the round"), hears(hearsB, "B before the round")]);

    facilitate({ action: "startRound", shareSeconds: null });
    await waitFor("the round", () => f.room.state.roundActive && f.room.state.roundHolder);
    const fSeat = seen(f, f)!.seat;
    const expectedHolder = [a, b].sort((x, y) => ((seen(f, x)!.seat - fSeat + 64) % 64) - ((seen(f, y)!.seat - fSeat + 64) % 64))[0]!;
    expect(f.room.state.roundHolder).toBe(expectedHolder.id);
    const [holder, other] = expectedHolder === a ? [a, b] : [b, a];
    const [hearsHolder, hearsOther] = holder === a ? [hearsA, hearsB] : [hearsB, hearsA];
    const otherBot = holder === a ? botB : botA;

    await waitFor("LiveKit to hold the non-holder silent", async () => (await atLiveKit(other.id))?.permission?.canPublish === false, 10_000, 50);
    expect((await atLiveKit(holder.id))?.permission?.canPublish).toBe(true);
    const enforcedAt = performance.now();
    await sleep(SILENCE_MS);
    expect(hearsOther.audibleCountSince(enforcedAt + IN_FLIGHT_MS)).toBe(0);
    expect(hearsHolder.audibleCountSince(enforcedAt + IN_FLIGHT_MS)).toBeGreaterThan(50);
    expect(await settle(otherBot.publishMicrophone(), 15_000)).toBe("refused");

    // The holder passes the piece on: now the other one may speak, and the first may not.
    holder.room.send("passPiece", {});
    await waitFor("LiveKit to follow the piece", async () =>
      (await atLiveKit(other.id))?.permission?.canPublish === true && (await atLiveKit(holder.id))?.permission?.canPublish === false, 10_000, 50);
    await otherBot.publishMicrophone();
    await hears(hearsOther, "the new holder to be heard");
    const passedAt = performance.now();
    await sleep(SILENCE_MS);
    expect(hearsHolder.audibleCountSince(passedAt + IN_FLIGHT_MS)).toBe(0);

    facilitate({ action: "endRound" });
    await waitFor("LiveKit to let everyone speak again", async () =>
      (await atLiveKit(holder.id))?.permission?.canPublish === true && (await atLiveKit(other.id))?.permission?.canPublish === true, 10_000, 50);
    await Promise.all([botA.close(), botB.close()]);
  });
});

describe("breakout circles, with voice following", () => {
  it("gives the person a ticket for the breakout's voice room, where the main circle cannot hear them", { timeout: 90_000 }, async () => {
    const botInMain = await connectBot(a);
    await waitFor("A in the main voice room", async () => Boolean(await atLiveKit(a.id)), 10_000, 50);
    await waitFor("F to see A in voice", () => seen(f, a)?.voiceConnected);
    const ticketsBefore = a.tickets.length;

    facilitate({ action: "sendToBreakout", target: a.id, breakout: "garden" });
    const ticket = await a.ticketAfter(ticketsBefore);
    const breakoutRoom = `hearth-${f.room.roomId}~breakout-garden`;
    expect(ticket.room).toBe(breakoutRoom);
    // The ticket goes out at once; the state reaches F with the next patch.
    await waitFor("F to see A in the breakout", () => seen(f, a)?.space === "breakout:garden");
    // Out of the main voice room at once: the old connection is closed by the server.
    await waitFor("A's main-room bot to be disconnected", () => !botInMain.room.isConnected, 10_000);
    expect(await atLiveKit(a.id)).toBeUndefined();
    expect(seen(f, a)?.voiceConnected).toBe(false); // out of voice (same patch as the move) until they join the breakout's

    const token = await tokenFor(hearth.httpUrl, a);
    expect(token.room).toBe(breakoutRoom);
    const claims = await new TokenVerifier(LIVEKIT_API_KEY, LIVEKIT_API_SECRET).verify(token.token);
    expect(claims.video?.room).toBe(breakoutRoom);
    expect(claims.video?.canPublish).toBe(false); // tokens never carry it: the room grants it once A joins

    // B joins A in the garden, so someone there can hear A.
    const bTickets = b.tickets.length;
    facilitate({ action: "sendToBreakout", target: b.id, breakout: "garden" });
    expect((await b.ticketAfter(bTickets)).room).toBe(breakoutRoom);
    const botA = await VoiceBot.connect(token);
    bots.push(botA);
    expect((await atLiveKit(a.id, breakoutRoom))?.permission?.canPublish).toBe(true); // granted in the breakout
    const botB = await connectBot(b);
    const bHearsA = botB.listenTo(a.id);
    const mainHearsA = listener.listenTo(a.id);
    await botA.publishMicrophone();
    const since = performance.now();
    await hears(bHearsA, "B to hear A in the breakout");
    await waitFor("F to see A in voice in the breakout", () => seen(f, a)?.voiceConnected);
    expect((await atLiveKit(a.id, breakoutRoom))?.tracks).toHaveLength(1);
    await sleep(SILENCE_MS);
    expect(mainHearsA.audibleCountSince(since)).toBe(0);
    expect(mainHearsA.subscriptions).toBe(0);

    // Brought back: a ticket for the main room again, and out of the breakout's.
    const back = a.tickets.length;
    facilitate({ action: "bringBack", target: a.id });
    expect((await a.ticketAfter(back)).room).toBe(mainVoiceRoom());
    await waitFor("A's breakout bot to be disconnected", () => !botA.room.isConnected, 10_000);
    const botABack = await connectBot(a);
    await botABack.publishMicrophone();
    await hears(mainHearsA, "the main circle to hear A again");
    await sleep(300);
    expect(bHearsA.audibleCountSince(performance.now() - 200)).toBe(0);
  });
});
