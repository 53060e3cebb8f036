/** Test signals for the voice DSP benchmarks: a synthetic voice, noise, and SNR measured by segments. */
export const RATE = 48_000;

/** Deterministic noise (a small LCG): the same numbers every run. */
export function noise(samples: number, amplitude: number, seed = 1): Float32Array {
  const out = new Float32Array(samples);
  let state = seed >>> 0;
  let brown = 0;
  for (let i = 0; i < samples; i++) {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    const white = state / 2 ** 31 - 1;
    brown = 0.98 * brown + 0.2 * white; // a fan-like rumble under the hiss
    out[i] = amplitude * (0.6 * white + 0.4 * brown + 0.2 * Math.sin((2 * Math.PI * 50 * i) / RATE));
  }
  return out;
}

/** A two-pole resonator (a formant) as a difference equation. */
function resonate(input: Float32Array, hz: number, bandwidth: number): Float32Array {
  const r = Math.exp((-Math.PI * bandwidth) / RATE);
  const a1 = 2 * r * Math.cos((2 * Math.PI * hz) / RATE);
  const a2 = -r * r;
  const out = new Float32Array(input.length);
  let y1 = 0;
  let y2 = 0;
  for (let i = 0; i < input.length; i++) {
    const y = (1 - r) * input[i]! + a1 * y1 + a2 * y2;
    out[i] = y;
    y2 = y1;
    y1 = y;
  }
  return out;
}

const VOWELS = [
  [730, 1090, 2440],
  [270, 2290, 3010],
  [570, 840, 2410],
  [300, 870, 2240],
] as const;

/**
 * Voiced speech, roughly: a glottal pulse train (f0 ~120 Hz, gliding) through three formants,
 * syllables of ~250 ms with gaps, vowels changing each syllable. `voiced[i]` says where it sounds.
 */
export function syntheticVoice(samples: number, peak = 0.3): { signal: Float32Array; voiced: Uint8Array } {
  const signal = new Float32Array(samples);
  const voiced = new Uint8Array(samples);
  const syllable = Math.round(0.25 * RATE);
  const gap = Math.round(0.08 * RATE);
  for (let start = 0, n = 0; start < samples; start += syllable + gap, n++) {
    const length = Math.min(syllable, samples - start);
    const pulses = new Float32Array(length);
    let phase = 0;
    for (let i = 0; i < length; i++) {
      const f0 = 110 + 25 * Math.sin((2 * Math.PI * (n * 0.37 + i / length)) / 2);
      phase += f0 / RATE;
      if (phase >= 1) {
        phase -= 1;
        pulses[i] = 1;
      }
    }
    const [f1, f2, f3] = VOWELS[n % VOWELS.length]!;
    const a = resonate(pulses, f1, 90);
    const b = resonate(pulses, f2, 110);
    const c = resonate(pulses, f3, 170);
    for (let i = 0; i < length; i++) {
      const envelope = Math.sin((Math.PI * i) / length) ** 0.5;
      signal[start + i] = envelope * (a[i]! + 0.6 * b[i]! + 0.3 * c[i]!);
      voiced[start + i] = 1;
    }
  }
  let max = 0;
  for (const s of signal) max = Math.max(max, Math.abs(s));
  for (let i = 0; i < samples; i++) signal[i] = (signal[i]! / max) * peak;
  return { signal, voiced };
}

export function mix(a: Float32Array, b: Float32Array): Float32Array {
  return a.map((x, i) => x + b[i]!);
}

/**
 * SNR from a recording of voice in stationary noise: noise power from the gaps, voice power as
 * what the voiced parts have above it. `delay` shifts the voiced mask to the output's timing.
 */
export function segmentSnrDb(recording: Float32Array, voiced: Uint8Array, delay = 0, skip = RATE): number {
  let voicedPower = 0;
  let voicedCount = 0;
  let gapPower = 0;
  let gapCount = 0;
  for (let i = skip; i < recording.length; i++) {
    const j = i - delay;
    if (j < 0 || j >= voiced.length) continue;
    const p = recording[i]! ** 2;
    if (voiced[j]) {
      voicedPower += p;
      voicedCount++;
    } else {
      gapPower += p;
      gapCount++;
    }
  }
  const noiseLevel = gapPower / Math.max(1, gapCount);
  const voiceLevel = Math.max(1e-12, voicedPower / Math.max(1, voicedCount) - noiseLevel);
  return 10 * Math.log10(voiceLevel / Math.max(1e-12, noiseLevel));
}
