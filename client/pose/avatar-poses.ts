import * as THREE from "three";
import { dequantisePose, type QuantisedFrame, type QuantisedPose } from "../../shared/pose-codec.ts";
import { seatedHeadPose, seatTransform } from "../../shared/seats.ts";
import type { ParticipantStateView } from "../net/state-view.ts";
import { PoseBuffer } from "./pose-buffer.ts";

export interface RenderedPart {
  position: THREE.Vector3;
  quaternion: THREE.Quaternion;
}

interface TrackedPart extends RenderedPart {
  buffer: PoseBuffer;
  /** The quantised pose last pushed, to notice when a new one arrived. */
  last: { x: number; y: number; z: number; q: number };
}

/** Where each remote avatar is drawn this frame (read by the scene, the voice panners and tests). */
export interface RenderedAvatar {
  head: TrackedPart;
  left: TrackedPart;
  right: TrackedPart;
  seat: number;
  color: string;
  /** Whether the hands come from a headset's tracking (else they rest on the lap). */
  handsTracked: boolean;
  /** False until the first pose has been applied. */
  placed: boolean;
}

export const renderedAvatars = new Map<string, RenderedAvatar>();

const part = (): TrackedPart => ({
  position: new THREE.Vector3(),
  quaternion: new THREE.Quaternion(),
  buffer: new PoseBuffer(),
  last: { x: NaN, y: NaN, z: NaN, q: NaN },
});

const position = new THREE.Vector3();
const quaternion = new THREE.Quaternion();
const seatQuat = new THREE.Quaternion();
const UP = new THREE.Vector3(0, 1, 0);
/** Where desktop users' hands rest, on the lap in seat space (forward is -Z). */
const REST_LEFT = new THREE.Vector3(-0.12, 0.575, -0.25);
const REST_RIGHT = new THREE.Vector3(0.12, 0.575, -0.25);

/** Writes the resting pose of a hand at a seat into `out` (world space). */
export function restingHand(side: "left" | "right", seat: number, capacity: number, out: RenderedPart): void {
  const s = seatTransform(seat, capacity);
  seatQuat.setFromAxisAngle(UP, s.yaw);
  out.position.copy(side === "left" ? REST_LEFT : REST_RIGHT).applyQuaternion(seatQuat);
  out.position.x += s.x;
  out.position.z += s.z;
  out.quaternion.copy(seatQuat);
}

/**
 * Plays back each part from its interpolation buffer. `frame` is the latest pose the room relayed
 * (undefined until the first arrives: they sit upright at their seat). Allocation-free after the first call.
 */
export function updateRenderedAvatar(id: string, p: ParticipantStateView, frame: QuantisedFrame | undefined, capacity: number, now: number): RenderedAvatar {
  let avatar = renderedAvatars.get(id);
  if (!avatar || avatar.seat !== p.seat) {
    // New, or moved to another seat: no interpolating across the circle.
    avatar = { head: part(), left: part(), right: part(), seat: p.seat, color: p.color, handsTracked: false, placed: false };
    renderedAvatars.set(id, avatar);
  }
  avatar.color = p.color;
  avatar.handsTracked = Boolean(frame?.hands);
  play(avatar.head, frame?.head ?? seatedHead(p.seat, capacity), now);
  if (frame?.hands) {
    play(avatar.left, frame.hands.left, now);
    play(avatar.right, frame.hands.right, now);
  } else {
    avatar.left.buffer.clear();
    avatar.right.buffer.clear();
    avatar.left.last.q = avatar.right.last.q = NaN;
    restingHand("left", p.seat, capacity, avatar.left);
    restingHand("right", p.seat, capacity, avatar.right);
  }
  avatar.placed = true;
  return avatar;
}

const seatedHeads = new Map<number, QuantisedPose>();
function seatedHead(seat: number, capacity: number): QuantisedPose {
  const key = capacity * 256 + seat;
  let pose = seatedHeads.get(key);
  if (!pose) seatedHeads.set(key, (pose = seatedHeadPose(seat, capacity)));
  return pose;
}

function play(out: TrackedPart, pose: QuantisedPose, now: number): void {
  const last = out.last;
  if (pose.x !== last.x || pose.y !== last.y || pose.z !== last.z || pose.q !== last.q) {
    last.x = pose.x;
    last.y = pose.y;
    last.z = pose.z;
    last.q = pose.q;
    dequantisePose(pose, position, quaternion);
    out.buffer.push(now, position, quaternion);
  }
  out.buffer.sample(now, out.position, out.quaternion);
}

export function forgetMissingAvatars(present: Set<string>): void {
  for (const id of renderedAvatars.keys()) if (!present.has(id)) renderedAvatars.delete(id);
}
