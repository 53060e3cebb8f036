/**
 * Issue 18: a facilitator's mute sticks to the device key. A muted participant who leaves and
 * joins again with the same key gets a token that cannot publish, and nobody hears them, also
 * after a server restart. Driven by LiveKit's own Node SDK, which does not obey Hearth's UI.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { dispose } from "@livekit/rtc-node";
import { TokenVerifier } from "livekit-server-sdk";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { newParticipantKey } from "../../shared/participant-key.ts";
import { sleep, waitFor } from "../support/wait.ts";
import { joinCircle, type Seat, tokenFor, VoiceBot } from "./support/bots.ts";
import { LIVEKIT_API_KEY, LIVEKIT_API_SECRET, startVoiceHearth, type VoiceHearth } from "./support/livekit.ts";

const FACILITATOR_KEY = "a-facilitator-key-for-voice-tests";
/** How long a listener must hear nothing to count as silence. */
const SILENCE_MS = 1500;

let hearth: VoiceHearth;
let dataDir: string;
const bots: VoiceBot[] = [];
const seats: Seat[] = [];
const seen = (viewer: Seat, who: Seat) => viewer.room.state.participants.get(who.id);

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

async function closeAll(): Promise<void> {
  await Promise.all(bots.splice(0).map((bot) => bot.close()));
  await Promise.all(seats.splice(0).filter((seat) => seat.room.connection.isOpen).map((seat) => seat.room.leave()));
}

/** The rejoined key's token cannot publish, its publish attempt gets nowhere, and the listener hears nothing. */
async function expectSilenced(speaker: Seat, listener: VoiceBot): Promise<void> {
  const token = await tokenFor(hearth.httpUrl, speaker);
  const claims = await new TokenVerifier(LIVEKIT_API_KEY, LIVEKIT_API_SECRET).verify(token.token);
  expect(claims.video?.canPublish).toBe(false);
  const bot = await VoiceBot.connect(token);
  bots.push(bot);
  const hears = listener.listenTo(speaker.id);
  const since = performance.now();
  const attempt = bot.publishMicrophone().then(
    () => "published",
    () => "refused",
  );
  await sleep(SILENCE_MS);
  expect(await Promise.race([attempt, sleep(1).then(() => "pending")])).not.toBe("published");
  expect(hears.audibleCountSince(since)).toBe(0);
  const atLiveKit = (await hearth.liveKitApi.listParticipants(`hearth-${speaker.room.roomId}`)).find((p) => p.identity === speaker.id);
  expect(atLiveKit?.permission?.canPublish ?? false).toBe(false);
}

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(tmpdir(), "hearth-sanctions-voice-"));
  hearth = await startVoiceHearth({ FACILITATOR_KEY, DATA_DIR: dataDir });
}, 60_000);

afterAll(async () => {
  await closeAll();
  await hearth?.close();
  await dispose();
  rmSync(dataDir, { recursive: true, force: true });
});

describe("when a muted participant leaves and joins again with the same device key", () => {
  it("cannot publish and is heard by nobody, and neither after a server restart", { timeout: 90_000 }, async () => {
    const key = newParticipantKey();
    const f = await join("Sam Facilitator", { facilitatorKey: FACILITATOR_KEY });
    const a = await join("Quiet Otter", { participantKey: key });
    await waitFor("F to see A", () => seen(f, a));
    f.room.send("facilitate", { action: "mute", target: a.id });
    await waitFor("A muted", () => seen(f, a)?.micAllowed === false);
    await sleep(200); // the mute is written down asynchronously
    await a.room.leave();
    await waitFor("A gone", () => !seen(f, a));

    const listener = await connectBot(f);
    const back = await join("Quiet Otter", { participantKey: key });
    await waitFor("F to see A again", () => seen(f, back));
    expect(seen(f, back)?.mutedByFacilitator).toBe(true);
    await expectSilenced(back, listener);

    await closeAll();
    await hearth.close();
    hearth = await startVoiceHearth({ FACILITATOR_KEY, DATA_DIR: dataDir });
    const g = await join("Sam Again", { facilitatorKey: FACILITATOR_KEY });
    const listenerAfter = await connectBot(g);
    const afterRestart = await join("Quiet Otter", { participantKey: key });
    await waitFor("G to see A", () => seen(g, afterRestart));
    expect(seen(g, afterRestart)?.mutedByFacilitator).toBe(true);
    await expectSilenced(afterRestart, listenerAfter);
  });
});
