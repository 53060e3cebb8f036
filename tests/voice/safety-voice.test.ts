import { dispose, RoomEvent } from "@livekit/rtc-node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ClientMessage, ServerMessage } from "../../shared/protocol.ts";
import type { NoticeMessage } from "../../shared/notices.ts";
import type { BlocksMessage } from "../../shared/safety.ts";
import { sleep, waitFor } from "../support/wait.ts";
import { type AudioMonitor, joinCircle, type Seat, tokenFor, VoiceBot } from "./support/bots.ts";
import { startVoiceHearth, type VoiceHearth } from "./support/livekit.ts";

/** How long a listener must stay silent to count as not hearing someone. */
const SILENCE_MS = 1500;

let hearth: VoiceHearth;
const bots: VoiceBot[] = [];
const seats: Seat[] = [];

async function seatWithBot(pseudonym: string): Promise<{ seat: Seat; bot: VoiceBot; blocks: BlocksMessage[]; notices: NoticeMessage[] }> {
  const seat = await joinCircle(hearth.wsUrl, pseudonym);
  seats.push(seat);
  const blocks: BlocksMessage[] = [];
  const notices: NoticeMessage[] = [];
  seat.room.onMessage(ServerMessage.Blocks, (m: BlocksMessage) => blocks.push(m));
  seat.room.onMessage(ServerMessage.Notice, (m: NoticeMessage) => notices.push(m));
  const bot = await VoiceBot.connect(await tokenFor(hearth.httpUrl, seat));
  bots.push(bot);
  await bot.publishMicrophone();
  return { seat, bot, blocks, notices };
}

const hears = (monitor: AudioMonitor, what: string) =>
  waitFor(`${what}`, async () => monitor.firstAudibleSince(performance.now() - 300) !== undefined, 8000, 50);

/**
 * Resolves once `monitor` has received no audio frame at all (not even silence) for `quietMs`:
 * the SFU stopped forwarding that track to this listener.
 */
async function stopsReceiving(monitor: AudioMonitor, what: string, quietMs = 300, timeoutMs = 5000): Promise<void> {
  let frames = monitor.frames;
  let since = performance.now();
  await waitFor(what, async () => {
    if (monitor.frames !== frames) {
      frames = monitor.frames;
      since = performance.now();
    }
    return performance.now() - since >= quietMs;
  }, timeoutMs, 20);
}

beforeAll(async () => {
  hearth = await startVoiceHearth();
});

afterAll(async () => {
  await Promise.all(bots.map((bot) => bot.close()));
  await Promise.all(seats.filter((seat) => seat.room.connection.isOpen).map((seat) => seat.room.leave()));
  await hearth?.close();
  await dispose();
});

describe("a block in voice (real LiveKit)", () => {
  it("unsubscribes both sides from each other's microphone at the SFU, and a third person still hears both", async () => {
    const a = await seatWithBot("Quiet Otter");
    const b = await seatWithBot("Steady Heron");
    const c = await seatWithBot("Gentle Oak");
    const bHearsA = b.bot.listenTo(a.seat.id);
    const aHearsB = a.bot.listenTo(b.seat.id);
    const cHearsA = c.bot.listenTo(a.seat.id);
    const cHearsB = c.bot.listenTo(b.seat.id);
    await hears(bHearsA, "B to hear A before the block");
    await hears(aHearsB, "A to hear B before the block");

    a.seat.room.send(ClientMessage.Block, { target: b.seat.id });
    await waitFor("both sides to be told", () => a.blocks.length > 0 && b.blocks.length > 0);
    expect(a.blocks.at(-1)!.hidden).toEqual([b.seat.id]);
    expect(b.blocks.at(-1)!.hidden).toEqual([a.seat.id]);
    await stopsReceiving(bHearsA, "the SFU to stop sending A's audio to B");
    await stopsReceiving(aHearsB, "the SFU to stop sending B's audio to A");

    const [framesB, framesA] = [bHearsA.frames, aHearsB.frames];
    const after = performance.now();
    await sleep(SILENCE_MS);
    expect(bHearsA.frames - framesB).toBe(0);
    expect(aHearsB.frames - framesA).toBe(0);
    expect(bHearsA.audibleCountSince(after)).toBe(0);
    expect(aHearsB.audibleCountSince(after)).toBe(0);
    expect(cHearsA.audibleCountSince(after)).toBeGreaterThan(50);
    expect(cHearsB.audibleCountSince(after)).toBeGreaterThan(50);
  });

  it("cuts off a client that ignores the block and subscribes again, however often it tries", async () => {
    // A is a client that sets no subscription permission (as an old client or a reload window
    // would): only the server stands between B and A's microphone.
    const a = await seatWithBot("Still Water");
    const b = await seatWithBot("Open Field");
    const c = await seatWithBot("Warm Stone");
    const bHearsA = b.bot.listenTo(a.seat.id);
    const cHearsA = c.bot.listenTo(a.seat.id);
    await hears(bHearsA, "B to hear A before the block");

    const resubscribe = () => {
      for (const publication of b.bot.room.remoteParticipants.get(a.seat.id)?.trackPublications.values() ?? []) publication.setSubscribed(true);
    };
    b.bot.room.on(RoomEvent.TrackUnsubscribed, resubscribe);
    const hammer = setInterval(resubscribe, 50);
    try {
      const blockedAt = performance.now();
      a.seat.room.send(ClientMessage.Block, { target: b.seat.id });
      await sleep(300 + 4000);
      const cutOff = blockedAt + 300;
      const heardAfter = bHearsA.audibleAt.filter((t) => t >= cutOff);
      expect(heardAfter, `B heard A ${heardAfter.length} times after the block, last at +${Math.round((heardAfter.at(-1) ?? cutOff) - blockedAt)} ms`).toEqual([]);
      // Nor anything loud at all, tone or not (the stream's last frames after the SFU stops are silence).
      expect(Math.round(bHearsA.lastLoudAt - blockedAt)).toBeLessThan(300);
      expect(cHearsA.audibleCountSince(cutOff)).toBeGreaterThan(100);
      // A's client never confirmed that the SFU refuses B its microphone: B's hearing is paused, and B is told why.
      expect(b.notices.map((n) => n.kind)).toContain("voice-paused-apart");
      expect(a.notices.map((n) => n.kind)).not.toContain("voice-paused-apart");
    } finally {
      clearInterval(hammer);
      b.bot.room.off(RoomEvent.TrackUnsubscribed, resubscribe);
    }

    // Once A leaves voice, B hears the circle again.
    const bHearsC = b.bot.listenTo(c.seat.id);
    await a.bot.close();
    await waitFor("B to be told the circle's voice is back", () => b.notices.some((n) => n.kind === "voice-resumed-apart"), 5000);
    await hears(bHearsC, "B to hear C again once A left voice");
  });

  it("applies the block again when the blocked side comes back to voice with a fresh connection", async () => {
    const a = await seatWithBot("Brave Ember");
    const b = await seatWithBot("Calm River");
    await hears(b.bot.listenTo(a.seat.id), "B to hear A");
    const heard = b.bot.listenTo(a.seat.id);
    a.seat.room.send(ClientMessage.Block, { target: b.seat.id });
    await stopsReceiving(heard, "the SFU to stop sending A's audio to B");

    // B leaves voice and comes back (auto-subscribe on): the room re-applies the block when
    // LiveKit reports B joining (webhook) and keeps at it, without B's client doing anything.
    await b.bot.close();
    const again = await VoiceBot.connect(await tokenFor(hearth.httpUrl, b.seat));
    bots.push(again);
    const monitor = again.listenTo(a.seat.id);
    await stopsReceiving(monitor, "the room to unsubscribe B again", 300, 8000);
    await sleep(1000); // the room re-applies blocks at each LiveKit join and every 100 ms
    const frames = monitor.frames;
    const after = performance.now();
    await sleep(SILENCE_MS);
    expect(monitor.frames - frames).toBe(0);
    expect(monitor.audibleCountSince(after)).toBe(0);
  });
});
