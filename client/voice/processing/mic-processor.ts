/**
 * The microphone's own processing, on this device, before encryption and before anything leaves
 * it: RNNoise noise suppression (WebAssembly, served by Hearth itself) and the optional voice
 * disguise, as one LiveKit audio track processor.
 */
import { loadRnnoise, RnnoiseWorkletNode } from "@sapphi-red/web-noise-suppressor";
import rnnoiseWasmUrl from "@sapphi-red/web-noise-suppressor/rnnoise.wasm?url";
import rnnoiseSimdWasmUrl from "@sapphi-red/web-noise-suppressor/rnnoise_simd.wasm?url";
import rnnoiseWorkletUrl from "@sapphi-red/web-noise-suppressor/rnnoiseWorklet.js?url";
import type { AudioProcessorOptions, Track, TrackProcessor } from "livekit-client";
import { DISGUISES, type DisguisePreset } from "../../../shared/voice-features.ts";
import disguiseWorkletUrl from "./disguise-worklet.ts?worker&url";
import { DISGUISE_PROCESSOR } from "./pitch-shift.ts";

export interface MicChain {
  noiseFilter: boolean;
  disguise: DisguisePreset;
}

/** RNNoise works at 48 kHz: the processing runs in a context of its own at that rate. */
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

/** Builds source → [RNNoise] → [disguise] → destination; returns the processed track and what tears it down. */
export async function buildChain(track: MediaStreamTrack, chain: MicChain): Promise<{ output: MediaStreamTrack; stop: () => void }> {
  const ctx = processingContext();
  if (ctx.state === "suspended") await ctx.resume().catch(() => {});
  const source = ctx.createMediaStreamSource(new MediaStream([track]));
  const nodes: AudioNode[] = [];
  let rnnoise: RnnoiseWorkletNode | undefined;
  if (chain.noiseFilter) {
    wasm ??= loadRnnoise({ url: rnnoiseWasmUrl, simdUrl: rnnoiseSimdWasmUrl });
    const [binary] = await Promise.all([wasm, addModule(ctx, rnnoiseWorkletUrl)]);
    rnnoise = new RnnoiseWorkletNode(ctx, { maxChannels: 1, wasmBinary: binary });
    nodes.push(rnnoise);
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
      rnnoise?.destroy();
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
