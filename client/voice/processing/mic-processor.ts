/**
 * The microphone's own processing, on this device, before encryption and before anything leaves
 * it: neural noise suppression (GTCRN in WebAssembly, served by Hearth itself) and the optional
 * voice disguise, as one LiveKit audio track processor.
 *
 * GTCRN, not RNNoise: RNNoise's suppression depends on the input level (its features are absolute
 * band energies): steady broadband noise at a speaking level (-15 dBFS) loses only ~2 dB through it,
 * -17 dB at -35 dBFS (bench/dsp/noise-filter.ts measures both). GTCRN removes it at any level (~-37 dB).
 */
import { GtcrnWorkletNode, loadGtcrn } from "@sapphi-red/web-noise-suppressor";
import gtcrnWasmUrl from "@sapphi-red/web-noise-suppressor/gtcrn.wasm?url";
import gtcrnWorkletUrl from "@sapphi-red/web-noise-suppressor/gtcrnWorklet.js?url";
import type { AudioProcessorOptions, Track, TrackProcessor } from "livekit-client";
import { DISGUISES, type DisguisePreset } from "../../../shared/voice-features.ts";
import disguiseWorkletUrl from "./disguise-worklet.ts?worker&url";
import { DISGUISE_PROCESSOR } from "./pitch-shift.ts";

export interface MicChain {
  noiseFilter: boolean;
  disguise: DisguisePreset;
}

/** The filter's worklet expects 48 kHz: the processing runs in a context of its own at that rate. */
let context: AudioContext | null = null;
let wasm: Promise<ArrayBuffer> | null = null;
const modules = new Map<string, Promise<void>>();

export function processingContext(): AudioContext {
  context ??= new AudioContext({ sampleRate: 48_000, latencyHint: "interactive" });
  return context;
}

function addModule(ctx: AudioContext, url: string): Promise<void> {
  let loading = modules.get(url);
  if (!loading) modules.set(url, (loading = ctx.audioWorklet.addModule(url)));
  return loading;
}

export const chainIsEmpty = (chain: MicChain) => !chain.noiseFilter && chain.disguise === "off";

/** Builds source → [noise filter] → [disguise] → destination; returns the processed track and what tears it down. */
export async function buildChain(track: MediaStreamTrack, chain: MicChain): Promise<{ output: MediaStreamTrack; stop: () => void }> {
  const ctx = processingContext();
  if (ctx.state === "suspended") await ctx.resume().catch(() => {});
  const source = ctx.createMediaStreamSource(new MediaStream([track]));
  const nodes: AudioNode[] = [];
  let denoiser: GtcrnWorkletNode | undefined;
  if (chain.noiseFilter) {
    wasm ??= loadGtcrn({ url: gtcrnWasmUrl });
    const [binary] = await Promise.all([wasm, addModule(ctx, gtcrnWorkletUrl)]);
    denoiser = new GtcrnWorkletNode(ctx, { maxChannels: 1, wasmBinary: binary });
    nodes.push(denoiser);
  }
  if (chain.disguise !== "off") {
    await addModule(ctx, disguiseWorkletUrl);
    const { pitch, tilt } = DISGUISES[chain.disguise];
    nodes.push(new AudioWorkletNode(ctx, DISGUISE_PROCESSOR, { processorOptions: { pitch, tilt }, channelCount: 1, channelCountMode: "explicit" }));
  }
  const destination = ctx.createMediaStreamDestination();
  let previous: AudioNode = source;
  for (const node of nodes) previous = previous.connect(node);
  previous.connect(destination);
  const output = destination.stream.getAudioTracks()[0]!;
  return {
    output,
    stop: () => {
      source.disconnect();
      for (const node of nodes) node.disconnect();
      denoiser?.destroy();
      output.stop();
    },
  };
}

export class MicProcessor implements TrackProcessor<Track.Kind.Audio, AudioProcessorOptions> {
  readonly name = "hearth-mic";
  processedTrack?: MediaStreamTrack;
  private stopChain: (() => void) | undefined;

  constructor(readonly chain: MicChain) {}

  async init({ track }: AudioProcessorOptions): Promise<void> {
    const { output, stop } = await buildChain(track, this.chain);
    this.processedTrack = output;
    this.stopChain = stop;
  }

  async restart(options: AudioProcessorOptions): Promise<void> {
    await this.destroy();
    await this.init(options);
  }

  async destroy(): Promise<void> {
    this.stopChain?.();
    this.stopChain = undefined;
    this.processedTrack = undefined;
  }
}
