/**
 * Tone detection for the voice bots: a frame "has the tone" when it is loud enough and most of
 * its energy sits at the bots' sine frequency (Goertzel). Undecodable audio (encrypted frames fed
 * to a decoder, or noise) can be loud, but it is never a clean 440 Hz.
 */
export function goertzelShare(samples: Int16Array, hz: number, sampleRate: number): number {
  const n = samples.length;
  if (n === 0) return 0;
  const coefficient = 2 * Math.cos((2 * Math.PI * hz) / sampleRate);
  let s1 = 0;
  let s2 = 0;
  let energy = 0;
  for (let i = 0; i < n; i++) {
    const x = samples[i]!;
    energy += x * x;
    const s0 = x + coefficient * s1 - s2;
    s2 = s1;
    s1 = s0;
  }
  if (energy === 0) return 0;
  const power = s1 * s1 + s2 * s2 - coefficient * s1 * s2;
  // A pure sine of N samples gives power ≈ (N/2)·energy.
  return power / ((n / 2) * energy);
}
