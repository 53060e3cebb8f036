import { createStore } from "zustand/vanilla";
import { DISTANCE_MODEL } from "../../voice/spatial.ts";

/**
 * The fire's quiet crackle: generated here (no file to fetch), looped, and played through a
 * PannerNode at the fire in the voice graph's AudioContext, so it sits in the same space as voices.
 * Its loudest setting stays well under a voice (peak ≈ −18 dBFS, most of it far quieter), and it
 * ducks while someone speaks.
 */
const KEY = "hearth.fireVolume";
/** The slider's full scale as a gain: the crackle at 100 % is still a background sound. */
const FULL_GAIN = 0.5;
/** While anyone speaks the fire drops to this share of its level. */
const DUCKED = 0.45;
const LOOP_SECONDS = 7;

function savedVolume(): number {
  if (typeof localStorage === "undefined") return 0.5;
  const raw = Number(localStorage.getItem(KEY));
  return localStorage.getItem(KEY) !== null && Number.isFinite(raw) ? Math.max(0, Math.min(1, raw)) : 0.5;
}

/** 0–1, the user's choice (kept on this device). The sound plays only in the circle. */
export const fireSound = createStore(() => ({ volume: savedVolume() }));

export function setFireVolume(volume: number): void {
  const v = Math.max(0, Math.min(1, Math.round(volume * 100) / 100));
  fireSound.setState({ volume: v });
  localStorage.setItem(KEY, String(v));
}

/** A few seconds of crackle: a soft low rumble, small ticks and the odd louder pop. */
export function crackleBuffer(context: BaseAudioContext): AudioBuffer {
  const rate = context.sampleRate;
  const buffer = context.createBuffer(1, Math.floor(rate * LOOP_SECONDS), rate);
  const data = buffer.getChannelData(0);
  let seed = 12345;
  const random = () => ((seed = (seed * 16807) % 2147483647) - 1) / 2147483646;
  // The bed: brown noise, low-passed by integration, very quiet.
  let brown = 0;
  for (let i = 0; i < data.length; i++) {
    brown = (brown + (random() * 2 - 1) * 0.02) * 0.995;
    data[i] = brown * 0.35;
  }
  // Crackles: short, bright decaying bursts at random moments.
  const count = LOOP_SECONDS * 9;
  for (let c = 0; c < count; c++) {
    const start = Math.floor(random() * (data.length - rate * 0.05));
    const pop = random() < 0.12;
    const amplitude = pop ? 0.12 + random() * 0.1 : 0.02 + random() * 0.05;
    const length = Math.floor(rate * (pop ? 0.02 + random() * 0.03 : 0.003 + random() * 0.008));
    let last = 0;
    for (let i = 0; i < length; i++) {
      const decay = Math.exp((-6 * i) / length);
      const sample = (random() * 2 - 1) * amplitude * decay;
      last = pop ? sample : sample - last * 0.5; // ticks a touch brighter
      data[start + i] = data[start + i]! + last;
    }
  }
  // Seamless loop: cross-fade the last 50 ms into the first.
  const fade = Math.floor(rate * 0.05);
  for (let i = 0; i < fade; i++) {
    const w = i / fade;
    data[i] = data[i]! * w + data[data.length - fade + i]! * (1 - w);
  }
  return buffer;
}

export interface FireVoice {
  gain: GainNode;
  panner: PannerNode;
  stop(): void;
}

/** Starts the crackle at `position` (the fire) in `context`. */
export function startFireSound(context: AudioContext, position: { x: number; y: number; z: number }): FireVoice {
  const source = new AudioBufferSourceNode(context, { buffer: crackleBuffer(context), loop: true });
  const gain = new GainNode(context, { gain: 0 });
  const panner = new PannerNode(context, {
    panningModel: "HRTF",
    ...DISTANCE_MODEL,
    positionX: position.x,
    positionY: position.y,
    positionZ: position.z,
  });
  source.connect(gain).connect(panner).connect(context.destination);
  source.start();
  return {
    gain,
    panner,
    stop() {
      source.stop();
      source.disconnect();
      gain.disconnect();
      panner.disconnect();
    },
  };
}

/** The gain the fire should have now: the user's volume, the circle's volume, and ducking under voices. */
export function fireGain(volume: number, masterVolume: number, someoneSpeaking: boolean): number {
  return volume * FULL_GAIN * Math.min(1, masterVolume) * (someoneSpeaking ? DUCKED : 1);
}
