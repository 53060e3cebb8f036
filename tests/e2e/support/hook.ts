import type { ParticipantFields } from "../../../shared/circle-state.ts";

/** The shape of `window.__hearth` (client/testing/hearth-hook.ts), as tests and benchmarks read it. */
export type Vec3 = [number, number, number];

export interface HearthHook {
  connection(): {
    status: string;
    selfId: string | null;
    capacity: number;
    /** As client/net/connection.ts summarises them: the room state's fields (shared/circle-state.ts) but the pose id. */
    participants: Omit<ParticipantFields, "poseId" | "voiceKey">[];
    error: string | null;
    /** The circle's phase, and its flow (client/net/connection.ts CircleFlow). */
    phase: string;
    flow: { phase: string; guideStep: number; roundActive: boolean; roundHolder: string; locked: boolean };
  };
  captions(): {
    show: boolean;
    lines: Record<string, { from: string; kind: "speech" | "phrase"; text: string; at: number }>;
    own: { status: "off" | "starting" | "on" | "unavailable"; reason: string | null };
  };
  avatars(): Record<string, { seat: number; head: Vec3; headYaw: number; left: Vec3; right: Vec3 }>;
  look(): { yaw: number; pitch: number };
  xr(): { supported: boolean; active: boolean; handsTracked: boolean; head: Vec3; left: Vec3; right: Vec3 };
  voice(): {
    status: string;
    selfMuted: boolean;
    micAllowed: boolean;
    needsAudioStart: boolean;
    speaking: string[];
    panners: Record<string, Vec3>;
    listener: { position: Vec3; forward: Vec3 };
  };
  voiceBytes(): Promise<Record<string, number>>;
  /** Speaking indicator strength per participant id (0–1), yourself included; absent when silent. */
  speaking(): Record<string, number>;
  tags(): Record<string, { distance: number; height: number; lift: number; opacity: number; x: number; y: number; w: number; h: number }>;
  fire(): { volume: number };
  talkingPiece(): { holder: string; visible: boolean; position: [number, number, number] };
  render(): { calls: number; triangles: number; frames: number };
  quality(): "high" | "low";
  qualityReason(): "default" | "software-renderer" | "reduced-motion" | "slow-frames";
  frameTimes(): number[];
}

declare global {
  interface Window {
    __hearth: HearthHook;
  }
}
