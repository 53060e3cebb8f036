/**
 * End-to-end encrypted voice against the real LiveKit server: bots take part in the room's key
 * exchange (the browser's own code), join LiveKit with E2EE and the circle key, and a listener
 * without the right key receives packets it cannot turn into the speaker's tone.
 */
import { dispose } from "@livekit/rtc-node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CircleKey } from "../../client/voice/e2ee/exchange.ts";
import type { FacilitatorAction } from "../../shared/facilitation.ts";
import { sleep, waitFor } from "../support/wait.ts";
import { type AudioMonitor, joinCircle, type Seat, tokenFor, VoiceBot } from "./support/bots.ts";
import { e2eeOptions, joinKeyExchange, type KeySeat, useCircleKey } from "./support/e2ee.ts";
import { startVoiceHearth, type VoiceHearth } from "./support/livekit.ts";

const FACILITATOR_KEY = "a-facilitator-key-for-e2ee-tests";
/** Frames in flight when a key or a permission changes may still arrive this long after. */
const IN_FLIGHT_MS = 600;
const LISTEN_MS = 2000;

let hearth: VoiceHearth;
const bots: VoiceBot[] = [];
const seats: Seat[] = [];

interface Speaker {
  seat: Seat;
  bot: VoiceBot;
  keys: KeySeat;
  /** Publishes the tone, encrypted with the newest circle key. */
  speak(): Promise<void>;
}

async function seat(pseudonym: string, options: Record<string, unknown> = {}): Promise<Seat> {
  const s = await joinCircle(hearth.wsUrl, pseudonym, options);
  seats.push(s);
  return s;
}

/** A participant whose browser does what Hearth's does: key exchange, then encrypted voice. */
async function encryptedSpeaker(pseudonym: string, options: Record<string, unknown> = {}): Promise<Speaker> {
  const s = await seat(pseudonym, options);
  const bot = await VoiceBot.connect(await tokenFor(hearth.httpUrl, s), { encryption: e2eeOptions() });
  bots.push(bot);
  const keys = await joinKeyExchange(s, (key) => useCircleKey(bot, key));
  return {
    seat: s,
    bot,
    keys,
    speak: async () => {
      await bot.publishMicrophone();
      if (keys.exchange.current) useCircleKey(bot, keys.exchange.current);
    },
  };
}

/** Every speaker holds the same, newest key (of an epoch after `after`). */
async function sameKey(speakers: Speaker[], what: string, after = 0): Promise<CircleKey> {
  return waitFor(what, () => {
    const current = speakers.map((s) => s.keys.exchange.current);
    const first = current[0];
    if (!first || first.epoch <= after || current.some((k) => !k || k.epoch !== first.epoch || k.key !== first.key)) return undefined;
    const newest = Math.max(...speakers.flatMap((s) => s.keys.rotations.map((r) => r.epoch)));
    return first.epoch === newest ? first : undefined;
  }, 10_000);
}

const hears = (monitor: AudioMonitor, what: string) => {
  const since = performance.now();
  return waitFor(what, () => monitor.audibleCountSince(since) >= 20, 10_000);
};

beforeAll(async () => {
  hearth = await startVoiceHearth({ FACILITATOR_KEY });
}, 60_000);

afterAll(async () => {
  await Promise.all(bots.map((bot) => bot.close()));
  await Promise.all(seats.filter((s) => s.room.connection.isOpen).map((s) => s.room.leave()));
  await hearth?.close();
  await dispose();
});

describe("when a circle's voice is end-to-end encrypted", () => {
  let f: Speaker;
  let a: Speaker;
  let b: Speaker;

  it("gives every member the same circle key and security code, and they hear each other", { timeout: 60_000 }, async () => {
    f = await encryptedSpeaker("Sam Facilitator", { facilitatorKey: FACILITATOR_KEY });
    a = await encryptedSpeaker("Quiet Otter");
    b = await encryptedSpeaker("Steady Heron");
    const key = await sameKey([f, a, b], "everyone to hold the same key");
    expect(key.code).toMatch(/^\d{3} \d{3}$/);
    expect(new Set([f, a, b].map((s) => s.keys.exchange.current!.code)).size).toBe(1);
    // The room holds public keys only: what it shows is each browser's public half.
    await waitFor("A's public key in B's view", () => b.seat.room.state.participants.get(a.seat.id)?.voiceKey === a.keys.exchange.publicKey);

    await Promise.all([a.speak(), b.speak()]);
    await Promise.all([hears(b.bot.listenTo(a.seat.id), "B to hear A"), hears(a.bot.listenTo(b.seat.id), "A to hear B")]);
  });

  it("lets a seated listener without the key receive A's packets but never A's voice", { timeout: 60_000 }, async () => {
    const outsider = await seat("Curious Wren"); // takes no part in the key exchange
    const plainBot = await VoiceBot.connect(await tokenFor(hearth.httpUrl, outsider));
    const keylessBot = await VoiceBot.connect(await tokenFor(hearth.httpUrl, outsider).then(async () => {
      const other = await seat("Silent Moth");
      return tokenFor(hearth.httpUrl, other);
    }), { encryption: e2eeOptions() });
    bots.push(plainBot, keylessBot);
    const [plain, keyless] = [plainBot.listenTo(a.seat.id), keylessBot.listenTo(a.seat.id)];
    const control = b.bot.listenTo(a.seat.id);
    const since = performance.now();
    try {
      await sleep(LISTEN_MS);
      expect(control.audibleCountSince(since)).toBeGreaterThan(50);
      expect(plain.frames).toBeGreaterThan(0); // the SFU forwards the packets…
      expect(plain.loudFrames).toBeGreaterThan(0); // loud, even: undecodable, not silent
      expect(plain.audibleAt).toHaveLength(0); // …which decode to no voice
      expect(keyless.audibleAt).toHaveLength(0);
    } finally {
      // The outsiders leave even when this fails, so the next test's round is not passed to them.
      await Promise.all([plainBot.close(), keylessBot.close()]);
      await Promise.all(seats.slice(-2).map((s) => s.room.leave()));
    }
  });

  it("rotates the key when someone is removed: their copy of the old key decodes nothing that follows", { timeout: 90_000 }, async () => {
    const c = await encryptedSpeaker("Gentle Oak");
    const before = await sameKey([f, a, b, c], "C to be given the key");
    // What C could do with the key: hand it to someone listening at the SFU.
    const copied = await seat("Borrowed Ears");
    const spy = await VoiceBot.connect(await tokenFor(hearth.httpUrl, copied), { encryption: e2eeOptions() });
    bots.push(spy);
    useCircleKey(spy, before);
    const spyHearsA = spy.listenTo(a.seat.id);
    await hears(spyHearsA, "the old key to decode A while C is here");

    f.seat.room.send("facilitate", { action: "remove", target: c.seat.id } satisfies FacilitatorAction);
    const after = await sameKey([f, a, b], "a new key for those who stay", before.epoch);
    expect(after.epoch).toBeGreaterThan(before.epoch);
    expect(after.code).not.toBe(before.code);
    expect(c.keys.keys.some((k) => k.epoch >= after.epoch)).toBe(false);

    const rotatedAt = performance.now();
    await sleep(LISTEN_MS);
    expect(spyHearsA.audibleCountSince(rotatedAt + IN_FLIGHT_MS)).toBe(0);
    await hears(b.bot.listenTo(a.seat.id), "B to still hear A with the new key");
    await spy.close();
    await copied.room.leave();
  });

  it("still enforces the facilitator's mute and the talking piece at the SFU", { timeout: 90_000 }, async () => {
    const hearsA = f.bot.listenTo(a.seat.id);
    const hearsB = f.bot.listenTo(b.seat.id);
    await Promise.all([hears(hearsA, "F to hear A"), hears(hearsB, "F to hear B")]);
    f.seat.room.send("facilitate", { action: "mute", target: a.seat.id } satisfies FacilitatorAction);
    await waitFor("LiveKit to take A's permission away", async () => {
      const listed = await hearth.liveKitApi.listParticipants(`hearth-${f.seat.room.roomId}`);
      return listed.find((p) => p.identity === a.seat.id)?.permission?.canPublish === false;
    }, 10_000, 50);
    const mutedAt = performance.now();
    await sleep(LISTEN_MS);
    expect(hearsA.audibleCountSince(mutedAt + IN_FLIGHT_MS)).toBe(0);
    expect(hearsB.audibleCountSince(mutedAt + IN_FLIGHT_MS)).toBeGreaterThan(50);

    f.seat.room.send("facilitate", { action: "allowToSpeak", target: a.seat.id } satisfies FacilitatorAction);
    await waitFor("A's permission back", async () => {
      const listed = await hearth.liveKitApi.listParticipants(`hearth-${f.seat.room.roomId}`);
      return listed.find((p) => p.identity === a.seat.id)?.permission?.canPublish === true;
    }, 10_000, 50);
    await a.speak();
    await hears(hearsA, "F to hear A again");

    f.seat.room.send("facilitate", { action: "startRound", shareSeconds: null } satisfies FacilitatorAction);
    await waitFor("a holder", () => f.seat.room.state.roundActive && f.seat.room.state.roundHolder);
    const holder = f.seat.room.state.roundHolder;
    const [hearsHolder, hearsOther] = holder === a.seat.id ? [hearsA, hearsB] : [hearsB, hearsA];
    await sleep(IN_FLIGHT_MS + 500);
    const roundAt = performance.now();
    await hears(hearsHolder, "F to hear the holder during the round");
    await sleep(Math.max(0, LISTEN_MS - (performance.now() - roundAt)));
    expect(hearsOther.audibleCountSince(roundAt)).toBe(0);
  });
});
