/**
 * Puts the microphone settings onto LiveKit's microphone track: the browser's constraints and
 * Hearth's own processing. A disguise that cannot start keeps the microphone off: a voice the
 * user asked to hide never leaves undisguised.
 */
import { createLocalAudioTrack, type LocalAudioTrack, type LocalParticipant, Track } from "livekit-client";
import { captureOptions, type MicSettings } from "./settings.ts";
import { chainIsEmpty, type MicChain, MicProcessor, processingContext } from "./mic-processor.ts";

export type ProcessingStatus = { noiseFilter: "on" | "off" | "failed"; disguise: MicChain["disguise"] };

const chainOf = (s: MicSettings): MicChain => ({ noiseFilter: s.noiseFilter, disguise: s.disguise });
const sameChain = (a: MicChain, b: MicChain) => a.noiseFilter === b.noiseFilter && a.disguise === b.disguise;

function microphoneTrack(participant: LocalParticipant): LocalAudioTrack | undefined {
  return participant.getTrackPublication(Track.Source.Microphone)?.audioTrack;
}

/** Turns the microphone on or off with these settings; what is actually running comes back. */
export async function enableMicrophone(
  participant: LocalParticipant,
  enabled: boolean,
  settings: MicSettings,
  deviceId: string | null,
  /** False once this voice room was left (a move to another space): its failures are not the microphone's. */
  stillConnected: () => boolean = () => true,
): Promise<ProcessingStatus> {
  const chain = chainOf(settings);
  const existing = microphoneTrack(participant);
  if (existing) {
    // Processing first, then unmute: a changed disguise is in place before a word goes out.
    const status = enabled ? await updateProcessing(participant, settings, deviceId, false) : statusOf(existing);
    await participant.setMicrophoneEnabled(enabled);
    return status;
  }
  if (!enabled) return { noiseFilter: "off", disguise: "off" };
  const options = captureOptions(settings, deviceId);
  if (chainIsEmpty(chain)) {
    await participant.setMicrophoneEnabled(true, options);
    return { noiseFilter: "off", disguise: "off" };
  }
  try {
    await publishProcessed(participant, options, chain);
    return { noiseFilter: chain.noiseFilter ? "on" : "off", disguise: chain.disguise };
  } catch (error) {
    // Left the room while publishing (LiveKit cancels the pending publication): nothing failed.
    if (!stillConnected()) throw error;
    console.warn("hearth: microphone processing failed", error);
    if (chain.disguise !== "off") throw new DisguiseUnavailable(error);
    // The noise filter alone failed (no AudioWorklet, no WebAssembly): speak unfiltered rather than not at all.
    await participant.setMicrophoneEnabled(true, options);
    return { noiseFilter: "failed", disguise: "off" };
  }
}

/** The microphone track is made here, processed, and only then published: no raw frame goes out first. */
async function publishProcessed(participant: LocalParticipant, options: ReturnType<typeof captureOptions>, chain: MicChain): Promise<void> {
  const track = await createLocalAudioTrack(options);
  try {
    await track.setAudioContext(processingContext());
    await track.setProcessor(new MicProcessor(chain));
    await participant.publishTrack(track, { source: Track.Source.Microphone, dtx: true, red: true });
  } catch (error) {
    track.stop();
    throw error;
  }
}

/** Settings changed while the microphone track exists: constraints and processing follow. */
export async function updateProcessing(
  participant: LocalParticipant,
  settings: MicSettings,
  deviceId: string | null,
  restart = true,
): Promise<ProcessingStatus> {
  const track = microphoneTrack(participant);
  if (!track) return { noiseFilter: "off", disguise: "off" };
  if (restart) await track.restartTrack(captureOptions(settings, deviceId));
  const chain = chainOf(settings);
  const current = track.getProcessor() as MicProcessor | undefined;
  if (current && sameChain(current.chain, chain)) return statusOf(track);
  if (chainIsEmpty(chain)) {
    await track.stopProcessor();
    return { noiseFilter: "off", disguise: "off" };
  }
  try {
    await track.setProcessor(new MicProcessor(chain));
    return statusOf(track);
  } catch (error) {
    await track.stopProcessor().catch(() => {});
    if (chain.disguise !== "off") {
      await track.mute();
      throw new DisguiseUnavailable(error);
    }
    return { noiseFilter: "failed", disguise: "off" };
  }
}

function statusOf(track: LocalAudioTrack | undefined): ProcessingStatus {
  const chain = (track?.getProcessor() as MicProcessor | undefined)?.chain;
  return { noiseFilter: chain?.noiseFilter ? "on" : "off", disguise: chain?.disguise ?? "off" };
}

export class DisguiseUnavailable extends Error {
  constructor(readonly reason: unknown) {
    super("The voice disguise could not start.");
    this.name = "DisguiseUnavailable";
  }
}
