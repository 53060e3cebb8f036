/**
 * A small real-time pitch shifter for the voice disguise: two read heads sweep a short delay
 * line at the shifted rate, cross-faded with a raised cosine so each head is silent as it jumps
 * back. Formants move with the pitch (the spectral envelope is resampled too), and a tone-colour
 * filter after it changes the timbre further. No allocation per sample; runs in an AudioWorklet.
 *
 * Delay: each head reads between MIN_DELAY and MIN_DELAY + WINDOW samples back; weighted by the
 * cross-fade, the average delay is MIN_DELAY + WINDOW / 2 (≈ 11 ms at 48 kHz).
 */
import type { DisguiseSettings } from "../../../shared/voice-features.ts";

/** The AudioWorklet processor's registered name (client/voice/processing/disguise-worklet.ts). */
export const DISGUISE_PROCESSOR = "hearth-disguise";
export const WINDOW_MS = 20;
const MIN_DELAY = 32;

export class PitchShifter {
  private readonly buffer: Float32Array;
  private readonly window: number;
  private write = 0;
  private phase = 0;
  private ratio = 1;
  private tilt = 0;
  private low = 0;

  constructor(private readonly sampleRate: number) {
    this.window = Math.round((WINDOW_MS / 1000) * sampleRate);
    let size = 1;
    while (size < this.window + MIN_DELAY + 4) size <<= 1;
    this.buffer = new Float32Array(size);
  }

  configure({ pitch, tilt }: DisguiseSettings): void {
    this.ratio = Math.min(2, Math.max(0.5, pitch));
    this.tilt = Math.min(1, Math.max(-1, tilt));
  }

  /** The cross-fade-weighted mean delay, in ms. */
  get meanDelayMs(): number {
    return ((MIN_DELAY + this.window / 2) / this.sampleRate) * 1000;
  }

  process(input: Float32Array, output: Float32Array): void {
    const mask = this.buffer.length - 1;
    const step = (1 - this.ratio) / this.window;
    // One-pole low-pass at ~1.2 kHz: the tilt blends towards it (darker) or away from it (brighter).
    const k = 1 - Math.exp((-2 * Math.PI * 1200) / this.sampleRate);
    for (let i = 0; i < input.length; i++) {
      this.buffer[this.write] = input[i]!;
      this.phase += step;
      if (this.phase >= 1) this.phase -= 1;
      else if (this.phase < 0) this.phase += 1;
      const second = this.phase + 0.5 >= 1 ? this.phase - 0.5 : this.phase + 0.5;
      const shifted = this.tap(this.phase, mask) * fade(this.phase) + this.tap(second, mask) * fade(second);
      this.low += k * (shifted - this.low);
      const high = shifted - this.low;
      output[i] = shifted + this.tilt * high;
      this.write = (this.write + 1) & mask;
    }
  }

  private tap(phase: number, mask: number): number {
    const delay = MIN_DELAY + phase * this.window;
    const position = this.write - delay;
    const base = Math.floor(position);
    const frac = position - base;
    const a = this.buffer[base & mask]!;
    const b = this.buffer[(base + 1) & mask]!;
    return a + (b - a) * frac;
  }
}

/** sin²(π·phase): the two heads' weights always sum to one. */
function fade(phase: number): number {
  const s = Math.sin(Math.PI * phase);
  return s * s;
}
