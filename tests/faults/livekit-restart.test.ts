/**
 * The LiveKit server restarts under a live circle: the circle carries on, each voice client
 * notices, trades a fresh seat ticket for a token (as client/voice/voice.ts does) and is heard
 * again; a facilitator's mute still holds afterwards, because the room, not LiveKit, owns it.
 */
import { dispose, RoomEvent } from "@livekit/rtc-node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type LiveKitProcess, startLiveKit } from "../../server/voice/livekit-process.ts";
import { ClientMessage } from "../../shared/protocol.ts";
import { freePort } from "../support/free-port.ts";
import { sleep, waitFor } from "../support/wait.ts";
import { joinCircle, type Seat, tokenFor, VoiceBot } from "../voice/support/bots.ts";
import { freeUdpPort, LIVEKIT_API_KEY, LIVEKIT_API_SECRET, startVoiceHearth, type VoiceHearth } from "../voice/support/livekit.ts";

const FACILITATOR_KEY = "a-facilitator-key-for-fault-tests";

let hearth: VoiceHearth;
let ports: { LIVEKIT_PORT: string; LIVEKIT_RTC_UDP_PORT: string };
let restarted: LiveKitProcess | undefined;
const bots: VoiceBot[] = [];
const seats: Seat[] = [];

/** A voice connection for `seat` with a fresh ticket, retried while LiveKit is not answering yet. */
async function connectWithFreshTicket(seat: Seat, timeoutMs = 30_000): Promise<VoiceBot> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const seen = seat.tickets.length;
    seat.room.send(ClientMessage.VoiceTicket, {});
    await seat.ticketAfter(seen);
    try {
      const bot = await VoiceBot.connect(await tokenFor(hearth.httpUrl, seat));
      bots.push(bot);
      return bot;
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await sleep(500);
    }
  }
}

const disconnected = (bot: VoiceBot) => new Promise<void>((resolve) => bot.room.once(RoomEvent.Disconnected, () => resolve()));
const seen = (viewer: Seat, who: Seat) => viewer.room.state.participants.get(who.id);

beforeAll(async () => {
  ports = { LIVEKIT_PORT: String(await freePort()), LIVEKIT_RTC_UDP_PORT: String(await freeUdpPort()) };
  hearth = await startVoiceHearth({ ...ports, FACILITATOR_KEY });
});

afterAll(async () => {
  await Promise.all(bots.map((bot) => bot.close()));
  await Promise.all(seats.filter((seat) => seat.room.connection.isOpen).map((seat) => seat.room.leave()));
  await hearth?.close();
  await restarted?.stop();
  await dispose();
});

describe("when the LiveKit server restarts", () => {
  it("brings voice back with fresh tickets, and keeps a facilitator's mute", { timeout: 90_000 }, async () => {
    const a = await joinCircle(hearth.wsUrl, "Quiet Otter");
    const b = await joinCircle(hearth.wsUrl, "Steady Heron");
    const c = await joinCircle(hearth.wsUrl, "Gentle Oak");
    const f = await joinCircle(hearth.wsUrl, "Sam Facilitator", { facilitatorKey: FACILITATOR_KEY });
    seats.push(a, b, c, f);
    const [botA, botB, botC] = [await connectWithFreshTicket(a), await connectWithFreshTicket(b), await connectWithFreshTicket(c)];
    const hearsA = botB.listenTo(a.id);
    await botA.publishMicrophone();
    await waitFor("B to hear A", () => hearsA.audibleAt.length >= 20, 15_000);
    await waitFor("A shown in voice", () => seen(b, a)?.voiceConnected);
    // A facilitator mutes C (the hard mute) before the restart.
    f.room.send(ClientMessage.Facilitate, { action: "mute", target: c.id });
    await waitFor("C muted by the room", () => seen(f, c)?.micAllowed === false);
    await waitFor("LiveKit to hold C to the mute", async () => (await hearth.liveKitApi.listParticipants(`hearth-${a.room.roomId}`)).find((p) => p.identity === c.id)?.permission?.canPublish === false, 10_000);

    // Stop the managed livekit-server and start it again on the same ports.
    const lost = Promise.all([disconnected(botA), disconnected(botB), disconnected(botC)]);
    await hearth.livekit!.stop();
    await lost;
    await Promise.all([botA.close(), botB.close(), botC.close()]);
    expect(seen(b, a)?.connected).toBe(true); // the circle itself never dropped
    // A dead LiveKit sends no "left": the room finds out from its own check of LiveKit.
    await waitFor("A and B shown out of voice while LiveKit is down", () => seen(b, a)?.voiceConnected === false && seen(a, b)?.voiceConnected === false, 20_000);
    restarted = await startLiveKit({
      port: Number(ports.LIVEKIT_PORT),
      rtcTcpPort: 0,
      rtcUdpPort: Number(ports.LIVEKIT_RTC_UDP_PORT),
      apiKey: LIVEKIT_API_KEY,
      apiSecret: LIVEKIT_API_SECRET,
      webhookUrl: `${hearth.httpUrl}/api/voice/webhook`,
    });

    // Each client comes back with a fresh ticket; B hears A again.
    const [againA, againB, againC] = [await connectWithFreshTicket(a), await connectWithFreshTicket(b), await connectWithFreshTicket(c)];
    const hearsAAgain = againB.listenTo(a.id);
    await againA.publishMicrophone();
    await waitFor("B to hear A again", () => hearsAAgain.audibleAt.length >= 20, 15_000);
    await waitFor("A shown in voice again", () => seen(b, a)?.voiceConnected && seen(a, b)?.voiceConnected, 10_000);

    // C is still muted: the new LiveKit refuses C's microphone.
    const outcome = await Promise.race([
      againC.publishMicrophone().then(() => "published", () => "refused"),
      sleep(10_000).then(() => "pending"),
    ]);
    const hearsC = againB.listenTo(c.id);
    await sleep(1500);
    expect(hearsC.audibleAt.length, `C's publish was ${outcome}`).toBe(0);
    expect(seen(b, c)).toMatchObject({ micAllowed: false, muted: true });
  });
});
