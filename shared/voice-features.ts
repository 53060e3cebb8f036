/**
 * Voice features a participant turns on for themselves and everyone else sees marked: a voice
 * disguise and captions of their own voice. The server sets the marks from their
 * ClientMessage.VoiceMarks (shared/protocol.ts), so a disguised voice is always shown as disguised.
 */
import { z } from "zod";

export const DisguisePresets = ["off", "deeper", "lighter", "softer"] as const;
export type DisguisePreset = (typeof DisguisePresets)[number];

export interface DisguiseSettings {
  /** Pitch ratio (0.5–2): 0.8 is about four semitones down. */
  pitch: number;
  /** Tone colour: negative darkens (low-pass), positive brightens (high-shelf), −1…1. */
  tilt: number;
}

export const DISGUISES: Record<Exclude<DisguisePreset, "off">, DisguiseSettings & { label: string }> = {
  deeper: { label: "Deeper", pitch: 0.8, tilt: -0.4 },
  lighter: { label: "Lighter", pitch: 1.22, tilt: 0.3 },
  softer: { label: "Softer", pitch: 0.92, tilt: -0.7 },
};

export const voiceMarksSchema = z
  .object({
    disguised: z.boolean(),
    captions: z.boolean(),
  })
  .strict();
export type VoiceMarksUpdate = z.infer<typeof voiceMarksSchema>;
