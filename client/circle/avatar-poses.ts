import * as THREE from "three";
import { dequantisePose } from "../../shared/pose-codec.ts";
import { seatTransform } from "../../shared/seats.ts";
import type { ParticipantStateView, PoseStateView } from "../net/state-view.ts";

export interface RenderedPart {
  position: THREE.Vector3;
  quaternion: THREE.Quaternion;
}

/** Where each remote avatar is drawn this frame (read by the scene, the voice panners and tests). */
export interface RenderedAvatar {
  head: RenderedPart;
  left: RenderedPart;
  right: RenderedPart;
  seat: number;
  color: string;
  /** False until the first pose has been applied. */
  placed: boolean;
}

export const renderedAvatars = new Map<string, RenderedAvatar>();

const part = (): RenderedPart => ({ position: new THREE.Vector3(), quaternion: new THREE.Quaternion() });

const target = part();
const seatQuat = new THREE.Quaternion();
const UP = new THREE.Vector3(0, 1, 0);
/** Where desktop users' hands rest, in seat space (forward is -Z). */
const REST_LEFT = new THREE.Vector3(-0.2, 0.62, -0.28);
const REST_RIGHT = new THREE.Vector3(0.2, 0.62, -0.28);
const SMOOTHING_PER_SECOND = 14;

/** Eases each part towards the latest pose from the room state. Allocation-free after the first call. */
export function updateRenderedAvatar(id: string, p: ParticipantStateView, capacity: number, dt: number): RenderedAvatar {
  let avatar = renderedAvatars.get(id);
  if (!avatar) {
    avatar = { head: part(), left: part(), right: part(), seat: p.seat, color: p.color, placed: false };
    renderedAvatars.set(id, avatar);
  }
  const alpha = avatar.placed && avatar.seat === p.seat ? 1 - Math.exp(-dt * SMOOTHING_PER_SECOND) : 1;
  avatar.seat = p.seat;
  avatar.color = p.color;
  ease(avatar.head, p.head, alpha);
  if (p.handsTracked) {
    ease(avatar.left, p.leftHand, alpha);
    ease(avatar.right, p.rightHand, alpha);
  } else {
    const seat = seatTransform(p.seat, capacity);
    seatQuat.setFromAxisAngle(UP, seat.yaw);
    restHand(avatar.left, REST_LEFT, seat.x, seat.z, alpha);
    restHand(avatar.right, REST_RIGHT, seat.x, seat.z, alpha);
  }
  avatar.placed = true;
  return avatar;
}

function ease(out: RenderedPart, pose: PoseStateView, alpha: number): void {
  dequantisePose(pose, target.position, target.quaternion);
  out.position.lerp(target.position, alpha);
  out.quaternion.slerp(target.quaternion, alpha);
}

function restHand(out: RenderedPart, local: THREE.Vector3, x: number, z: number, alpha: number): void {
  target.position.copy(local).applyQuaternion(seatQuat);
  target.position.x += x;
  target.position.z += z;
  out.position.lerp(target.position, alpha);
  out.quaternion.slerp(seatQuat, alpha);
}

export function forgetMissingAvatars(present: Set<string>): void {
  for (const id of renderedAvatars.keys()) if (!present.has(id)) renderedAvatars.delete(id);
}
