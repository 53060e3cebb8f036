/**
 * The noise filter Hearth's browsers run (GTCRN in WebAssembly, the same AudioWorklet file the
 * client loads), and RNNoise beside it for comparison, measured in Node: CPU per 10 ms frame, SNR
 * of a noisy synthetic voice before/after, and how much steady white noise at a speaking level
 * (-15 dBFS RMS, like tests/e2e/e2ee-voice.test.ts's microphone) and at a quiet one loses.
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { loadProcessor, runThrough } from "./worklet-host.ts";
import { mix, noise, RATE, segmentSnrDb, syntheticVoice } from "./signals.ts";

const PACKAGE = "@sapphi-red/web-noise-suppressor";

export type NoiseFilterKind = "gtcrn" | "rnnoise";
const WASM: Record<NoiseFilterKind, string> = { gtcrn: "gtcrn.wasm", rnnoise: "rnnoise_simd.wasm" };

export interface NoiseFilterReport {
  kind: NoiseFilterKind;
  cpuPerFrameMs: number;
  snrBeforeDb: number;
  snrAfterDb: number;
  /** The filter's own delay, in ms (its buffering). */
  delayMs: number;
  /** Change in level of steady white noise alone, in dB: loud (0.3 peak, -15 dBFS RMS) and quiet (0.03 peak). */
  loudNoiseDb: number;
  quietNoiseDb: number;
}

async function instantiate(kind: NoiseFilterKind) {
  const dist = path.dirname(createRequire(import.meta.url).resolve(`${PACKAGE}/rnnoise.wasm`));
  const Processor = await loadProcessor(path.join(dist, `${kind}/workletProcessor.js`), `${PACKAGE}/${kind}`);
  const wasm = readFileSync(path.join(dist, WASM[kind]));
  const wasmBinary = wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength);
  const node = new Processor({ processorOptions: { wasmBinary, maxChannels: 1 } });
  await new Promise((resolve) => setTimeout(resolve, 500)); // the module instantiates asynchronously
  return node;
}

const rms = (a: Float32Array, from: number) => {
  let sum = 0;
  for (let i = from; i < a.length; i++) sum += a[i]! * a[i]!;
  return Math.sqrt(sum / Math.max(1, a.length - from));
};

export async function measureNoiseFilter(kind: NoiseFilterKind = "gtcrn", seconds = 12): Promise<NoiseFilterReport> {
  const node = await instantiate(kind);
  const samples = seconds * RATE;
  const { signal, voiced } = syntheticVoice(samples);
  const noisy = mix(signal, noise(samples, 0.08));
  runThrough(node, noisy.subarray(0, 2 * RATE)); // warm-up: compile tiers, the model's state
  const { output, processMs } = runThrough(node, noisy);
  const delay = bestDelay(noisy, output);
  const steady = (amplitude: number) => {
    const input = noise(4 * RATE, amplitude, 7);
    return 20 * Math.log10(rms(runThrough(node, input).output, 2 * RATE) / rms(input, 2 * RATE));
  };
  return {
    kind,
    cpuPerFrameMs: processMs / (samples / (RATE / 100)),
    snrBeforeDb: segmentSnrDb(noisy, voiced),
    snrAfterDb: segmentSnrDb(output, voiced, delay),
    delayMs: (delay / RATE) * 1000,
    loudNoiseDb: steady(0.3),
    quietNoiseDb: steady(0.03),
  };
}

/** The lag (samples, ≤ 80 ms) at which output best matches input. */
export function bestDelay(input: Float32Array, output: Float32Array, maxLag = Math.round(0.08 * RATE)): number {
  let best = 0;
  let bestScore = -Infinity;
  const from = RATE;
  const to = Math.min(input.length, from + 2 * RATE);
  for (let lag = 0; lag <= maxLag; lag++) {
    let score = 0;
    for (let i = from; i < to; i++) score += input[i - lag]! * output[i]!;
    if (score > bestScore) {
      bestScore = score;
      best = lag;
    }
  }
  return best;
}
