/**
 * Voice latency through Hearth's own livekit-server on loopback:
 *   join → audio: from "joined the circle" (Colyseus join resolved) to the first non-silent
 *                 frame of that person's voice at a listener (ticket, token, LiveKit connect,
 *                 publish, SFU, decode all included);
 *   mute → silence: from calling the room's server-enforced mute to when the frame after the
 *                 last non-silent one the listener receives was due (last + 10 ms): an upper
 *                 bound, to the 10 ms frame resolution.
 * Run: node --import tsx bench/voice-latency.ts [trials]   (npm run bench:voice). Reports; asserts nothing.
 */
import os from "node:os";

// Quiet logs (Hearth's and the rtc-node bots') before anything that logs is loaded.
process.env.LOG_LEVEL ??= "warn";
process.env.NODE_ENV ??= "production";

const { dispose } = await import("@livekit/rtc-node");
const { FRAME_MS, joinCircle, tokenFor, VoiceBot } = await import("../tests/voice/support/bots.ts");
const { startVoiceHearth } = await import("../tests/voice/support/livekit.ts");

const TRIALS = Math.max(20, Number(process.argv[2]) || 20);
const MUTE_TARGET_P95_MS = 300;
const ALLOW_TARGET_P95_MS = 500;
/** How long after a mute the listener is watched for stray audio. */
const WATCH_AFTER_MUTE_MS = 1000;
const AUDIO_TIMEOUT_MS = 10_000;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((x, y) => x - y);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

const ms = (value: number) => `${value.toFixed(1)} ms`;

const FACILITATOR_KEY = "bench-facilitator-key";
const hearth = await startVoiceHearth({ TICKET_SECRET: "bench-ticket-secret-0123456789-abcdefghij", FACILITATOR_KEY });
// The facilitator mutes each speaker, as from the panel: the mute path measured is the real one.
const facilitatorSeat = await joinCircle(hearth.wsUrl, "Bench Facilitator", { facilitatorKey: FACILITATOR_KEY });
const listenerSeat = await joinCircle(hearth.wsUrl, "Patient Listener");
const listener = await VoiceBot.connect(await tokenFor(hearth.httpUrl, listenerSeat));

const joinToAudio: number[] = [];
const muteToSilence: number[] = [];
const allowToHeard: number[] = [];
const voiceRoom = (seat: { room: { roomId: string } }) => `hearth-${seat.room.roomId}`;
/** What a third-party client sees of its permission: LiveKit's own record (rtc-node has no permission event). */
async function canPublishAtLiveKit(seat: { id: string; room: { roomId: string } }): Promise<boolean> {
  const listed = await hearth.liveKitApi.listParticipants(voiceRoom(seat));
  return listed.find((p) => p.identity === seat.id)?.permission?.canPublish ?? false;
}
const phases = { token: [] as number[], connect: [] as number[], publish: [] as number[] };
let notSilenced = 0;

try {
  for (let trial = 1; trial <= TRIALS; trial++) {
    const speakerSeat = await joinCircle(hearth.wsUrl, `Speaker ${trial}`);
    const joinedAt = performance.now();
    const hears = listener.listenTo(speakerSeat.id);

    const token = await tokenFor(hearth.httpUrl, speakerSeat);
    const tokenAt = performance.now();
    const speaker = await VoiceBot.connect(token);
    const connectedAt = performance.now();
    await speaker.publishMicrophone();
    const publishedAt = performance.now();
    phases.token.push(tokenAt - joinedAt);
    phases.connect.push(connectedAt - tokenAt);
    phases.publish.push(publishedAt - connectedAt);

    const deadline = joinedAt + AUDIO_TIMEOUT_MS;
    while (hears.firstAudibleSince(joinedAt) === undefined && performance.now() < deadline) await sleep(2);
    const firstAudible = hears.firstAudibleSince(joinedAt);
    if (firstAudible === undefined) throw new Error(`Trial ${trial}: the listener never heard the speaker.`);
    joinToAudio.push(firstAudible - joinedAt);

    await sleep(300); // steady speech
    const mutedAt = performance.now();
    facilitatorSeat.room.send("facilitate", { action: "mute", target: speakerSeat.id });
    await sleep(WATCH_AFTER_MUTE_MS);
    const lastAudible = hears.lastAudible() ?? mutedAt;
    if (lastAudible > mutedAt + WATCH_AFTER_MUTE_MS - 100) notSilenced++;
    muteToSilence.push(Math.max(0, lastAudible + FRAME_MS - mutedAt));

    // Allow to speak: the bot publishes again as soon as LiveKit holds the grant, as a browser does on its permission event.
    const allowedAt = performance.now();
    facilitatorSeat.room.send("facilitate", { action: "allowToSpeak", target: speakerSeat.id });
    while (!(await canPublishAtLiveKit(speakerSeat)) && performance.now() < allowedAt + AUDIO_TIMEOUT_MS) await sleep(5);
    await speaker.publishMicrophone();
    while (hears.firstAudibleSince(allowedAt) === undefined && performance.now() < allowedAt + AUDIO_TIMEOUT_MS) await sleep(2);
    const heardAgain = hears.firstAudibleSince(allowedAt);
    if (heardAgain === undefined) throw new Error(`Trial ${trial}: the speaker was not heard again after being allowed.`);
    allowToHeard.push(heardAgain - allowedAt);

    await speaker.close();
    await hears.close();
    await speakerSeat.room.leave();
    process.stdout.write(
      `trial ${String(trial).padStart(2)}: join→audio ${ms(joinToAudio.at(-1)!)}, mute→silence ${ms(muteToSilence.at(-1)!)}, allow→heard ${ms(allowToHeard.at(-1)!)}\n`,
    );
  }
} finally {
  await listener.close();
  if (listenerSeat.room.connection.isOpen) await listenerSeat.room.leave();
  if (facilitatorSeat.room.connection.isOpen) await facilitatorSeat.room.leave();
  await hearth.close();
  await dispose();
}

const cpu = os.cpus()[0]?.model ?? "unknown CPU";
const muteP95 = percentile(muteToSilence, 95);
const allowP95 = percentile(allowToHeard, 95);
console.log(`
Voice latency, ${TRIALS} trials, Hearth + livekit-server --dev on loopback
Machine: ${cpu}, ${os.cpus().length} cores, ${os.platform()} ${os.release()}, Node ${process.version}

                      p50        p95
join → first audio    ${ms(percentile(joinToAudio, 50)).padEnd(10)} ${ms(percentile(joinToAudio, 95))}
  ticket → token      ${ms(percentile(phases.token, 50)).padEnd(10)} ${ms(percentile(phases.token, 95))}
  LiveKit connect     ${ms(percentile(phases.connect, 50)).padEnd(10)} ${ms(percentile(phases.connect, 95))}
  publish             ${ms(percentile(phases.publish, 50)).padEnd(10)} ${ms(percentile(phases.publish, 95))}
mute → silence        ${ms(percentile(muteToSilence, 50)).padEnd(10)} ${ms(muteP95)}
allow → heard again   ${ms(percentile(allowToHeard, 50)).padEnd(10)} ${ms(allowP95)}

Target mute → silence p95 ≤ ${MUTE_TARGET_P95_MS} ms: ${muteP95 <= MUTE_TARGET_P95_MS && notSilenced === 0 ? "met" : "NOT met"}${
  notSilenced ? ` (${notSilenced} trial(s) still audible ${WATCH_AFTER_MUTE_MS} ms after the mute)` : ""
}`);
console.log(`Target allow → heard p95 ≤ ${ALLOW_TARGET_P95_MS} ms: ${allowP95 <= ALLOW_TARGET_P95_MS ? "met" : "NOT met"}`);
