import * as THREE from "three";
import { seatTransform, type SeatTransform } from "../../../shared/seats.ts";
import type { RenderedAvatar } from "../../pose/avatar-poses.ts";
import { motionScale } from "../scene-time.ts";
import type { StyleShape } from "./styles.ts";

/**
 * Where each part of an avatar goes this frame, written into shared scratch matrices (no
 * allocation per frame): the body sits at the seat and follows the head a little, chests rise
 * and fall, eyes blink, desktop hands rest on the lap and a raised hand goes up.
 */
const UP = new THREE.Vector3(0, 1, 0);
const ONE = new THREE.Vector3(1, 1, 1);
const SEAT_TOP = 0.47;
const BREATH_SECONDS = 4.6;

export interface AvatarLook {
  seatMatrix: THREE.Matrix4;
  seatQuat: THREE.Quaternion;
  seat: SeatTransform;
  /** -1…1, the breathing cycle (0 when motion is reduced). */
  breath: number;
}

const look: AvatarLook = { seatMatrix: new THREE.Matrix4(), seatQuat: new THREE.Quaternion(), seat: { x: 0, z: 0, yaw: 0 }, breath: 0 };
const seats = new Map<number, SeatTransform>();
const v = new THREE.Vector3();
const v2 = new THREE.Vector3();
const q = new THREE.Quaternion();
const sc = new THREE.Vector3();
const headMatrix = new THREE.Matrix4();
const bodyMatrix = new THREE.Matrix4();
const handMatrix = new THREE.Matrix4();
const local = new THREE.Matrix4();
const faces = { eyes: new THREE.Matrix4(), mouth: new THREE.Matrix4() };
const armMatrix = new THREE.Matrix4();
const shoulder = new THREE.Vector3();
const hand = new THREE.Vector3();
const Y = new THREE.Vector3(0, 1, 0);
const RAISED = new THREE.Quaternion().setFromAxisAngle(new THREE.Vector3(1, 0, 0), Math.PI / 2);

function seatOf(seat: number, capacity: number): SeatTransform {
  const key = capacity * 256 + seat;
  let s = seats.get(key);
  if (!s) seats.set(key, (s = seatTransform(seat, capacity)));
  return s;
}

export function avatarLook(a: RenderedAvatar, capacity: number, t: number, phase: number): AvatarLook {
  look.seat = seatOf(a.seat, capacity);
  look.seatQuat.setFromAxisAngle(UP, look.seat.yaw);
  look.seatMatrix.compose(v.set(look.seat.x, SEAT_TOP, look.seat.z), look.seatQuat, ONE);
  look.breath = Math.sin((t / BREATH_SECONDS) * Math.PI * 2 + phase * 1.3) * motionScale();
  return look;
}

export function idleHead(a: RenderedAvatar, l: AvatarLook): THREE.Matrix4 {
  v.copy(a.head.position);
  v.y += l.breath * 0.004;
  return headMatrix.compose(v, a.head.quaternion, ONE);
}

/** The body hangs from the head's height and leans a little with it, staying over the seat. */
export function placeBody(a: RenderedAvatar, l: AvatarLook): THREE.Matrix4 {
  v.set(l.seat.x, 0, l.seat.z).lerp(a.head.position, 0.7);
  v.y = a.head.position.y;
  const chest = 1 + l.breath * 0.014;
  return bodyMatrix.compose(v, l.seatQuat, sc.set(chest, 1, chest));
}

export function placeFace(head: THREE.Matrix4, face: StyleShape["face"], talk: number, t: number, phase: number): typeof faces {
  // A blink of about a tenth of a second every few seconds, different for each person.
  const blink = ((t + phase * 0.77) % 4.3) < 0.12 ? 0.15 : 1;
  local.compose(v.set(0, face.eyes, -face.forward), q.identity(), sc.set(1, blink, 1));
  faces.eyes.multiplyMatrices(head, local);
  local.compose(v.set(0, face.mouth, -face.forward), q.identity(), sc.set(1, 0.45 + talk * 2.6, 1));
  faces.mouth.multiplyMatrices(head, local);
  return faces;
}

/** A tracked hand where the headset put it; else on the lap, or raised beside the head. */
export function placeHand(a: RenderedAvatar, side: "left" | "right", raised: boolean, l: AvatarLook, t: number): THREE.Matrix4 {
  const part = side === "left" ? a.left : a.right;
  if (a.handsTracked) return handMatrix.compose(part.position, part.quaternion, ONE);
  if (raised) {
    v2.set(0.24, 1.5 + Math.sin(t * 3) * 0.015 * motionScale(), -0.06).applyQuaternion(l.seatQuat);
    v2.x += l.seat.x;
    v2.z += l.seat.z;
    q.copy(l.seatQuat).multiply(RAISED);
    return handMatrix.compose(v2, q, ONE);
  }
  v2.copy(part.position);
  v2.y += l.breath * 0.003;
  return handMatrix.compose(v2, part.quaternion, ONE);
}

/** A sleeve from the shoulder (below and beside the head, at the body) to where the hand is drawn. */
export function placeArm(a: RenderedAvatar, side: "left" | "right", handAt: THREE.Matrix4, l: AvatarLook): THREE.Matrix4 {
  shoulder.set(side === "left" ? -0.19 : 0.19, 0, 0.01).applyQuaternion(l.seatQuat);
  v.set(l.seat.x, 0, l.seat.z).lerp(a.head.position, 0.7);
  shoulder.x += v.x;
  shoulder.z += v.z;
  shoulder.y = a.head.position.y - 0.24 + l.breath * 0.004;
  hand.setFromMatrixPosition(handAt);
  v2.subVectors(hand, shoulder);
  const length = Math.max(0.01, v2.length() - 0.03);
  q.setFromUnitVectors(Y, v2.normalize());
  return armMatrix.compose(shoulder, q, sc.set(1, length, 1));
}
