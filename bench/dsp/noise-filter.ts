/**
 * The noise filter Hearth's browsers run (RNNoise in WebAssembly, the same AudioWorklet file the
 * client loads), measured in Node: CPU per 10 ms frame, and SNR of a noisy synthetic voice before/after.
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { loadProcessor, runThrough } from "./worklet-host.ts";
import { mix, noise, RATE, segmentSnrDb, syntheticVoice } from "./signals.ts";

const PACKAGE = "@sapphi-red/web-noise-suppressor";

export interface NoiseFilterReport {
  cpuPerFrameMs: number;
  snrBeforeDb: number;
  snrAfterDb: number;
  /** The filter's own delay, in ms (its ring buffer). */
  delayMs: number;
}

export async function measureNoiseFilter(seconds = 12): Promise<NoiseFilterReport> {
  const dist = path.dirname(createRequire(import.meta.url).resolve(`${PACKAGE}/rnnoise.wasm`));
  const Processor = await loadProcessor(path.join(dist, "rnnoise/workletProcessor.js"), `${PACKAGE}/rnnoise`);
  const wasm = readFileSync(path.join(dist, "rnnoise_simd.wasm"));
  const wasmBinary = wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength);
  const node = new Processor({ processorOptions: { wasmBinary, maxChannels: 1 } });
  await new Promise((resolve) => setTimeout(resolve, 300)); // the module instantiates asynchronously

  const samples = seconds * RATE;
  const { signal, voiced } = syntheticVoice(samples);
  const noisy = mix(signal, noise(samples, 0.08));
  runThrough(node, noisy.subarray(0, 2 * RATE)); // warm-up: compile tiers, RNNoise's state
  const { output, processMs } = runThrough(node, noisy);
  const delay = bestDelay(noisy, output);
  return {
    cpuPerFrameMs: processMs / (samples / (RATE / 100)),
    snrBeforeDb: segmentSnrDb(noisy, voiced),
    snrAfterDb: segmentSnrDb(output, voiced, delay),
    delayMs: (delay / RATE) * 1000,
  };
}

/** The lag (samples, ≤ 40 ms) at which output best matches input. */
export function bestDelay(input: Float32Array, output: Float32Array, maxLag = Math.round(0.04 * RATE)): number {
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
