/**
 * Voice latency through Hearth's own livekit-server on loopback:
 *   join → audio: from "joined the circle" (Colyseus join resolved) to the first non-silent
 *                 frame of that person's voice at a listener (ticket, token, LiveKit connect,
 *                 publish, SFU, decode all included);
 *   mute → silence: from calling the room's server-enforced mute to when the frame after the
 *                 last non-silent one the listener receives was due (last + 10 ms): an upper
 *                 bound, to the 10 ms frame resolution.
 * Both are measured without and with end-to-end encryption (E2EE: the bots take part in the
 * room's key exchange, so join → audio includes the new epoch's key reaching both of them).
 * Then the microphone's own processing, measured in Node on the code the browser runs: the
 * noise filter's (GTCRN; RNNoise beside it) CPU per 10 ms frame and its SNR effect on a noisy synthetic voice, and the
 * voice disguise's added latency.
 * Run: node --import tsx bench/voice-latency.ts [trials]   (npm run bench:voice). Reports; asserts nothing.
 */
import os from "node:os";

// Quiet logs (Hearth's and the rtc-node bots') before anything that logs is loaded.
process.env.LOG_LEVEL ??= "warn";
process.env.NODE_ENV ??= "production";

const { dispose } = await import("@livekit/rtc-node");
const { FRAME_MS, joinCircle, tokenFor, VoiceBot } = await import("../tests/voice/support/bots.ts");
const { startVoiceHearth } = await import("../tests/voice/support/livekit.ts");
const { e2eeOptions, joinKeyExchange, useCircleKey } = await import("../tests/voice/support/e2ee.ts");
const { measureNoiseFilter } = await import("./dsp/noise-filter.ts");
const { measureDisguise } = await import("./dsp/disguise.ts");

const TRIALS = Math.max(10, Number(process.argv[2]) || 10);
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

interface Results {
  joinToAudio: number[];
  muteToSilence: number[];
  allowToHeard: number[];
  phases: { token: number[]; connect: number[]; publish: number[] };
  notSilenced: number;
}

async function runTrials(encrypted: boolean): Promise<Results> {
  const results: Results = { joinToAudio: [], muteToSilence: [], allowToHeard: [], phases: { token: [], connect: [], publish: [] }, notSilenced: 0 };
  const tag = encrypted ? "E2EE" : "plain";
  const options = () => (encrypted ? { encryption: e2eeOptions() } : {});
  const listenerSeat = await joinCircle(hearth.wsUrl, `Patient Listener ${tag}`);
  const listener = await VoiceBot.connect(await tokenFor(hearth.httpUrl, listenerSeat), options());
  if (encrypted) await joinKeyExchange(listenerSeat, (key) => useCircleKey(listener, key));
  try {
    for (let trial = 1; trial <= TRIALS; trial++) {
      const speakerSeat = await joinCircle(hearth.wsUrl, `Speaker ${tag} ${trial}`);
      const joinedAt = performance.now();
      const hears = listener.listenTo(speakerSeat.id);

      const token = await tokenFor(hearth.httpUrl, speakerSeat);
      const tokenAt = performance.now();
      const speaker = await VoiceBot.connect(token, options());
      const keys = encrypted ? await joinKeyExchange(speakerSeat, (key) => useCircleKey(speaker, key)) : undefined;
      const connectedAt = performance.now();
      await speaker.publishMicrophone();
      if (keys?.exchange.current) useCircleKey(speaker, keys.exchange.current); // the new track sends with it too
      const publishedAt = performance.now();
      results.phases.token.push(tokenAt - joinedAt);
      results.phases.connect.push(connectedAt - tokenAt);
      results.phases.publish.push(publishedAt - connectedAt);

      const deadline = joinedAt + AUDIO_TIMEOUT_MS;
      while (hears.firstAudibleSince(joinedAt) === undefined && performance.now() < deadline) await sleep(2);
      const firstAudible = hears.firstAudibleSince(joinedAt);
      if (firstAudible === undefined) throw new Error(`Trial ${trial} (${tag}): the listener never heard the speaker.`);
      results.joinToAudio.push(firstAudible - joinedAt);

      await sleep(300); // steady speech
      const mutedAt = performance.now();
      facilitatorSeat.room.send("facilitate", { action: "mute", target: speakerSeat.id });
      await sleep(WATCH_AFTER_MUTE_MS);
      const lastAudible = hears.lastAudible() ?? mutedAt;
      if (lastAudible > mutedAt + WATCH_AFTER_MUTE_MS - 100) results.notSilenced++;
      results.muteToSilence.push(Math.max(0, lastAudible + FRAME_MS - mutedAt));

      // Allow to speak: the bot publishes again as soon as LiveKit holds the grant, as a browser does on its permission event.
      const allowedAt = performance.now();
      facilitatorSeat.room.send("facilitate", { action: "allowToSpeak", target: speakerSeat.id });
      while (!(await canPublishAtLiveKit(speakerSeat)) && performance.now() < allowedAt + AUDIO_TIMEOUT_MS) await sleep(5);
      await speaker.publishMicrophone();
      if (keys?.exchange.current) useCircleKey(speaker, keys.exchange.current);
      while (hears.firstAudibleSince(allowedAt) === undefined && performance.now() < allowedAt + AUDIO_TIMEOUT_MS) await sleep(2);
      const heardAgain = hears.firstAudibleSince(allowedAt);
      if (heardAgain === undefined) throw new Error(`Trial ${trial} (${tag}): the speaker was not heard again after being allowed.`);
      results.allowToHeard.push(heardAgain - allowedAt);

      await speaker.close();
      await hears.close();
      await speakerSeat.room.leave();
      process.stdout.write(
        `${tag} trial ${String(trial).padStart(2)}: join→audio ${ms(results.joinToAudio.at(-1)!)}, mute→silence ${ms(results.muteToSilence.at(-1)!)}, allow→heard ${ms(results.allowToHeard.at(-1)!)}\n`,
      );
    }
  } finally {
    await listener.close();
    if (listenerSeat.room.connection.isOpen) await listenerSeat.room.leave();
  }
  return results;
}

const allowVerdict = (r: Results) => (percentile(r.allowToHeard, 95) <= ALLOW_TARGET_P95_MS ? "met" : "NOT met");
const voiceRoom = (seat: { room: { roomId: string } }) => `hearth-${seat.room.roomId}`;
/** What a third-party client sees of its permission: LiveKit's own record (rtc-node has no permission event). */
async function canPublishAtLiveKit(seat: { id: string; room: { roomId: string } }): Promise<boolean> {
  const listed = await hearth.liveKitApi.listParticipants(voiceRoom(seat));
  return listed.find((p) => p.identity === seat.id)?.permission?.canPublish ?? false;
}

let plain: Results;
let encrypted: Results;
try {
  plain = await runTrials(false);
  encrypted = await runTrials(true);
} finally {
  if (facilitatorSeat.room.connection.isOpen) await facilitatorSeat.room.leave();
  await hearth.close();
  await dispose();
}
const noiseFilters = [await measureNoiseFilter("gtcrn"), await measureNoiseFilter("rnnoise")];
const disguise = measureDisguise();

const cpu = os.cpus()[0]?.model ?? "unknown CPU";
const row = (label: string, values: number[]) => `${label.padEnd(22)}${ms(percentile(values, 50)).padEnd(11)}${ms(percentile(values, 95))}`;
const table = (name: string, r: Results) => [
  `${name}`,
  row("join → first audio", r.joinToAudio),
  row("  ticket → token", r.phases.token),
  row("  LiveKit connect", r.phases.connect),
  row("  publish", r.phases.publish),
  row("mute → silence", r.muteToSilence),
  row("allow → heard again", r.allowToHeard),
].join("\n");
const verdict = (r: Results) => {
  const p95 = percentile(r.muteToSilence, 95);
  const met = p95 <= MUTE_TARGET_P95_MS && r.notSilenced === 0;
  return `${met ? "met" : "NOT met"}${r.notSilenced ? ` (${r.notSilenced} trial(s) still audible ${WATCH_AFTER_MUTE_MS} ms after the mute)` : ""}`;
};
console.log(`
Voice latency, ${TRIALS} trials each, Hearth + livekit-server --dev on loopback
Machine: ${cpu}, ${os.cpus().length} cores, ${os.platform()} ${os.release()}, Node ${process.version}

                      p50        p95
${table("Without E2EE", plain)}
${table("With E2EE (key exchange included)", encrypted)}

Target mute → silence p95 ≤ ${MUTE_TARGET_P95_MS} ms: without E2EE ${verdict(plain)}; with E2EE ${verdict(encrypted)}
Target allow → heard p95 ≤ ${ALLOW_TARGET_P95_MS} ms: without E2EE ${allowVerdict(plain)}; with E2EE ${allowVerdict(encrypted)}

Noise filter (WebAssembly, the browser's worklet run in Node; Hearth runs GTCRN, RNNoise for comparison)
${noiseFilters
  .map(
    (f) =>
      `  ${f.kind.padEnd(8)} CPU per 10 ms frame ${f.cpuPerFrameMs.toFixed(3)} ms (${((f.cpuPerFrameMs / 10) * 100).toFixed(1)} % of one core); noisy synthetic voice SNR ${f.snrBeforeDb.toFixed(1)} → ${f.snrAfterDb.toFixed(1)} dB; steady white noise ${f.loudNoiseDb.toFixed(1)} dB at -15 dBFS, ${f.quietNoiseDb.toFixed(1)} dB at -35 dBFS; delay ${f.delayMs.toFixed(1)} ms`,
  )
  .join("\n")}

Voice disguise (pitch shifter kernel of the worklet; target added latency ≤ 30 ms)
${disguise
  .map(
    (d) =>
      `  ${d.preset.padEnd(8)} added latency mean ${d.meanDelayMs.toFixed(1)} ms, max ${d.maxDelayMs.toFixed(1)} ms (+2.7 ms worklet quantum); pitch ×${d.measuredRatio.toFixed(2)}; CPU ${d.cpuPerFrameMs.toFixed(3)} ms per 10 ms`,
  )
  .join("\n")}
  target ≤ 30 ms: ${disguise.every((d) => d.maxDelayMs + (128 / 48) <= 30) ? "met" : "NOT met"}`);
