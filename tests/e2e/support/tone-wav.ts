import { writeFileSync } from "node:fs";

/** A mono 16-bit WAV of a sine (Chromium's fake microphone plays it in a loop). */
export function writeToneWav(file: string, hz = 440, seconds = 10, sampleRate = 48_000, amplitude = 0.3): string {
  return writeWav(file, seconds * sampleRate, sampleRate, (i) => amplitude * Math.sin((2 * Math.PI * hz * i) / sampleRate));
}

/** A mono 16-bit WAV of steady white noise (a fan, a busy street): what a noise filter removes. */
export function writeNoiseWav(file: string, seconds = 10, sampleRate = 48_000, amplitude = 0.3): string {
  let state = 7;
  return writeWav(file, seconds * sampleRate, sampleRate, () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return amplitude * (state / 2 ** 31 - 1);
  });
}

function writeWav(file: string, samples: number, sampleRate: number, sample: (i: number) => number): string {
  const data = Buffer.alloc(samples * 2);
  for (let i = 0; i < samples; i++) data.writeInt16LE(Math.round(32767 * Math.max(-1, Math.min(1, sample(i)))), i * 2);
  const header = Buffer.alloc(44);
  header.write("RIFF", 0);
  header.writeUInt32LE(36 + data.length, 4);
  header.write("WAVE", 8);
  header.write("fmt ", 12);
  header.writeUInt32LE(16, 16);
  header.writeUInt16LE(1, 20); // PCM
  header.writeUInt16LE(1, 22); // mono
  header.writeUInt32LE(sampleRate, 24);
  header.writeUInt32LE(sampleRate * 2, 28);
  header.writeUInt16LE(2, 32);
  header.writeUInt16LE(16, 34);
  header.write("data", 36);
  header.writeUInt32LE(data.length, 40);
  writeFileSync(file, Buffer.concat([header, data]));
  return file;
}
