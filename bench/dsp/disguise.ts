/**
 * The voice disguise's added latency, measured on the same kernel the AudioWorklet runs: clicks
 * go in, and the energy-weighted arrival time of each click at the output gives its delay.
 * Plus the kernel's CPU per 10 ms frame, and how far the pitch actually moved (a 200 Hz tone in).
 */
import { PitchShifter } from "../../client/voice/processing/pitch-shift.ts";
import { DISGUISES } from "../../shared/voice-features.ts";
import { QUANTUM } from "./worklet-host.ts";
import { RATE } from "./signals.ts";

export interface DisguiseReport {
  preset: string;
  meanDelayMs: number;
  maxDelayMs: number;
  cpuPerFrameMs: number;
  /** Output pitch / input pitch, measured by zero crossings. */
  measuredRatio: number;
}

function run(shifter: PitchShifter, input: Float32Array): { output: Float32Array; ms: number } {
  const output = new Float32Array(input.length);
  let ms = 0;
  for (let offset = 0; offset + QUANTUM <= input.length; offset += QUANTUM) {
    const started = performance.now();
    shifter.process(input.subarray(offset, offset + QUANTUM), output.subarray(offset, offset + QUANTUM));
    ms += performance.now() - started;
  }
  return { output, ms };
}

function zeroCrossingHz(signal: Float32Array, from: number): number {
  let crossings = 0;
  for (let i = from + 1; i < signal.length; i++) if (signal[i - 1]! < 0 && signal[i]! >= 0) crossings++;
  return crossings / ((signal.length - from) / RATE);
}

export function measureDisguise(): DisguiseReport[] {
  return Object.entries(DISGUISES).map(([preset, settings]) => {
    const shifter = new PitchShifter(RATE);
    shifter.configure({ ...settings, tilt: 0 }); // timbre aside: the delay and pitch of the shifter itself
    const spacing = Math.round(0.06 * RATE);
    const clicks = 60;
    const input = new Float32Array(spacing * (clicks + 1));
    for (let k = 0; k < clicks; k++) input[spacing * (k + 1)] = 1;
    const { output } = run(shifter, input);
    const delays: number[] = [];
    for (let k = 0; k < clicks; k++) {
      const at = spacing * (k + 1);
      let weight = 0;
      let moment = 0;
      for (let i = at; i < Math.min(output.length, at + spacing); i++) {
        const e = output[i]! ** 2;
        weight += e;
        moment += e * (i - at);
      }
      if (weight > 0) delays.push(((moment / weight) / RATE) * 1000);
    }
    const tone = new Float32Array(3 * RATE).map((_, i) => 0.3 * Math.sin((2 * Math.PI * 200 * i) / RATE));
    const tonal = new PitchShifter(RATE);
    tonal.configure({ ...settings, tilt: 0 });
    const { output: shifted, ms } = run(tonal, tone);
    return {
      preset,
      meanDelayMs: delays.reduce((a, b) => a + b, 0) / Math.max(1, delays.length),
      maxDelayMs: Math.max(...delays),
      cpuPerFrameMs: ms / (tone.length / (RATE / 100)),
      measuredRatio: zeroCrossingHz(shifted, RATE) / zeroCrossingHz(tone, RATE),
    };
  });
}
