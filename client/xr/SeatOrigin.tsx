import { useFrame, useThree } from "@react-three/fiber";
import { useXRInputSourceState, XROrigin } from "@react-three/xr";
import { useEffect, useRef } from "react";
import * as THREE from "three";
import { SEATED_EYE_HEIGHT } from "../../shared/limits.ts";
import { seatTransform } from "../../shared/seats.ts";
import { restingHand } from "../pose/avatar-poses.ts";
import { localHands } from "../pose/local-pose.ts";
import { xrControls } from "./controls.ts";
import { SEAT_HEIGHTS, snapTurned, xrComfort } from "./comfort.ts";

const SNAP_RADIANS = Math.PI / 6;
const UP = new THREE.Vector3(0, 1, 0);
const head = new THREE.Vector3();
const headQuat = new THREE.Quaternion();
const local = new THREE.Vector3();
const forward = new THREE.Vector3();
const matrix = new THREE.Matrix4();
const scale = new THREE.Vector3();

/**
 * The player's origin, placed so that your head sits at your seat's eye height facing the fire,
 * whether you sit or stand. Snap turn and "recentre" move only this origin: no free locomotion.
 */
export function SeatOrigin({ seat, capacity }: { seat: number; capacity: number }) {
  const origin = useRef<THREE.Group>(null);
  const xr = useThree((s) => s.gl.xr);
  const right = useXRInputSourceState("controller", "right");
  const snapLatched = useRef(false);
  const framesInSession = useRef(0);

  useEffect(() => {
    framesInSession.current = 0; // a new seat: recentre on it
  }, [seat, capacity]);

  useEffect(() => () => void (localHands.tracked = false), []);

  useFrame((_, __, frame: XRFrame | undefined) => {
    const group = origin.current;
    if (!group || !frame || !xr.isPresenting) return;
    const camera = xr.getCamera();

    if (++framesInSession.current === 3 || xrControls.consumeRecentre()) recentre(group, camera, seat, capacity);

    const stickX = right?.gamepad?.["xr-standard-thumbstick"]?.xAxis ?? 0;
    if (!snapLatched.current && Math.abs(stickX) > 0.7) {
      snapLatched.current = true;
      turnAroundHead(group, camera, stickX > 0 ? -SNAP_RADIANS : SNAP_RADIANS);
      snapTurned();
    } else if (Math.abs(stickX) < 0.3) snapLatched.current = false;

    trackHands(frame, xr.getReferenceSpace(), group, seat, capacity);
  });

  return <XROrigin ref={origin} />;
}

/** Moves the origin so the head is at the seat's eye point, looking at the fire. */
function recentre(group: THREE.Group, camera: THREE.Camera, seat: number, capacity: number): void {
  const s = seatTransform(seat, capacity);
  camera.getWorldPosition(head);
  camera.getWorldQuaternion(headQuat);
  group.updateMatrixWorld();
  local.copy(head);
  group.worldToLocal(local);
  // Head yaw relative to the origin.
  headQuat.premultiply(group.quaternion.clone().invert());
  forward.set(0, 0, -1).applyQuaternion(headQuat);
  const headYaw = Math.atan2(-forward.x, -forward.z);
  const originYaw = s.yaw - headYaw;
  group.quaternion.setFromAxisAngle(UP, originYaw);
  local.applyQuaternion(group.quaternion);
  const eyeHeight = SEATED_EYE_HEIGHT + SEAT_HEIGHTS[xrComfort.getState().seatHeight];
  group.position.set(s.x - local.x, eyeHeight - local.y, s.z - local.z);
  group.updateMatrixWorld();
}

function turnAroundHead(group: THREE.Group, camera: THREE.Camera, radians: number): void {
  camera.getWorldPosition(head);
  const turn = new THREE.Quaternion().setFromAxisAngle(UP, radians);
  group.position.sub(head).applyQuaternion(turn).add(head);
  group.quaternion.premultiply(turn);
  group.updateMatrixWorld();
}

/** Reads both hands (controller grips or hand-tracking wrists) into world space for the pose sender. */
function trackHands(frame: XRFrame, space: XRReferenceSpace | null, group: THREE.Group, seat: number, capacity: number): void {
  if (!space) return;
  let any = false;
  const seen = { left: false, right: false };
  for (const source of frame.session.inputSources) {
    const side = source.handedness;
    if (side !== "left" && side !== "right") continue;
    const wrist = source.hand?.get("wrist");
    const pose = wrist ? frame.getJointPose?.(wrist, space) : source.gripSpace ? frame.getPose(source.gripSpace, space) : undefined;
    if (!pose) continue;
    matrix.fromArray(pose.transform.matrix).premultiply(group.matrixWorld);
    matrix.decompose(localHands[side].position, localHands[side].quaternion, scale);
    seen[side] = any = true;
  }
  if (any) {
    if (!seen.left) restingHand("left", seat, capacity, localHands.left);
    if (!seen.right) restingHand("right", seat, capacity, localHands.right);
  }
  localHands.tracked = any;
}
