/**
 * A facilitator's private conversation (issue 14) against the real LiveKit server: the two talk in
 * a voice room of their own, which only they hold tokens for, so a third participant in the circle
 * hears nothing of it (checked at the SFU: its listing, and what a listening bot receives).
 */
import { dispose } from "@livekit/rtc-node";
import { TokenVerifier } from "livekit-server-sdk";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { newParticipantKey } from "../../shared/participant-key.ts";
import { ClientMessage } from "../../shared/protocol.ts";
import { sleep, waitFor } from "../support/wait.ts";
import { type AudioMonitor, joinCircle, type Seat, tokenFor, VoiceBot } from "./support/bots.ts";
import { LIVEKIT_API_KEY, LIVEKIT_API_SECRET, startVoiceHearth, type VoiceHearth } from "./support/livekit.ts";

const SILENCE_MS = 1500;
const FACILITATOR_KEY = "a-facilitator-key-for-voice-tests";

let hearth: VoiceHearth;
let f: Seat;
let a: Seat;
let c: Seat;
const bots: VoiceBot[] = [];
const seats: Seat[] = [];

const mainVoiceRoom = () => `hearth-${f.room.roomId}`;
const identitiesIn = async (voiceRoom: string) =>
  (await hearth.liveKitApi.listParticipants(voiceRoom).catch(() => [])).map((p) => p.identity).sort();

async function connectBot(seat: Seat): Promise<VoiceBot> {
  const bot = await VoiceBot.connect(await tokenFor(hearth.httpUrl, seat));
  bots.push(bot);
  return bot;
}

async function hears(monitor: AudioMonitor, what: string): Promise<void> {
  const since = performance.now();
  await waitFor(what, () => monitor.audibleCountSince(since) >= 20, 10_000);
}

beforeAll(async () => {
  hearth = await startVoiceHearth({ FACILITATOR_KEY });
  f = await joinCircle(hearth.wsUrl, "Sam Facilitator", { facilitatorKey: FACILITATOR_KEY });
  a = await joinCircle(hearth.wsUrl, "Quiet Otter", { participantKey: newParticipantKey() });
  c = await joinCircle(hearth.wsUrl, "Steady Heron", { participantKey: newParticipantKey() });
  seats.push(f, a, c);
  await waitFor("F to see everyone", () => f.room.state.participants.get(a.id) && f.room.state.participants.get(c.id));
}, 60_000);

afterAll(async () => {
  await Promise.all(bots.map((bot) => bot.close()));
  await Promise.all(seats.filter((seat) => seat.room.connection.isOpen).map((seat) => seat.room.leave()));
  await hearth?.close();
  await dispose();
});

describe("a private conversation at the SFU", () => {
  it("puts the two in a voice room only they can enter, where the third participant hears neither", { timeout: 90_000 }, async () => {
    const [fMain, aMain, cMain] = [await connectBot(f), await connectBot(a), await connectBot(c)];
    await waitFor("all three in the main voice room", async () => (await identitiesIn(mainVoiceRoom())).length === 3, 10_000, 50);
    const cHearsA = cMain.listenTo(a.id);
    const cHearsF = cMain.listenTo(f.id);

    const [fBefore, aBefore, cBefore] = [f.tickets.length, a.tickets.length, c.tickets.length];
    f.room.send("facilitate", { action: "talkPrivately", target: a.id });
    const [fTicket, aTicket] = [await f.ticketAfter(fBefore), await a.ticketAfter(aBefore)];
    expect(aTicket.room).toMatch(new RegExp(`^${mainVoiceRoom()}~private-[0-9a-f]{12}$`));
    expect(fTicket.room).toBe(aTicket.room);
    const privateRoom = aTicket.room;
    // The server takes both out of the main voice room at once.
    await waitFor("F and A out of the main voice room", () => !fMain.room.isConnected && !aMain.room.isConnected, 10_000);
    expect(await identitiesIn(mainVoiceRoom())).toEqual([c.id]);
    expect(c.tickets.length).toBe(cBefore); // the third is not moved, and gets no ticket for the private room

    const [fToken, aToken] = [await tokenFor(hearth.httpUrl, f), await tokenFor(hearth.httpUrl, a)];
    const verifier = new TokenVerifier(LIVEKIT_API_KEY, LIVEKIT_API_SECRET);
    expect((await verifier.verify(aToken.token)).video?.room).toBe(privateRoom);
    expect((await tokenFor(hearth.httpUrl, c)).room).toBe(mainVoiceRoom()); // the third's token is for the circle only

    const fPrivate = await VoiceBot.connect(fToken);
    const aPrivate = await VoiceBot.connect(aToken);
    bots.push(fPrivate, aPrivate);
    expect(await identitiesIn(privateRoom)).toEqual([a.id, f.id].sort());
    const fHearsA = fPrivate.listenTo(a.id);
    const aHearsF = aPrivate.listenTo(f.id);
    await aPrivate.publishMicrophone();
    await fPrivate.publishMicrophone();
    const since = performance.now();
    await hears(fHearsA, "F to hear A privately");
    await hears(aHearsF, "A to hear F privately");
    await sleep(SILENCE_MS);
    expect(cHearsA.audibleCountSince(since)).toBe(0);
    expect(cHearsF.audibleCountSince(since)).toBe(0);
    expect(cMain.room.remoteParticipants.size).toBe(0); // the SFU does not even list them to the third
    expect(await identitiesIn(privateRoom)).toEqual([a.id, f.id].sort());

    // A ends it: both get tickets for the main room again, and the private room is left.
    const [fBack, aBack] = [f.tickets.length, a.tickets.length];
    a.room.send(ClientMessage.LeavePrivateTalk, {});
    expect((await a.ticketAfter(aBack)).room).toBe(mainVoiceRoom());
    expect((await f.ticketAfter(fBack)).room).toBe(mainVoiceRoom());
    await waitFor("both out of the private voice room", () => !fPrivate.room.isConnected && !aPrivate.room.isConnected, 10_000);
    const aAgain = await connectBot(a);
    await aAgain.publishMicrophone();
    await hears(cHearsA, "the circle to hear A again");
  });
});
