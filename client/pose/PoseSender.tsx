import { useFrame, useThree } from "@react-three/fiber";
import { useRef } from "react";
import * as THREE from "three";
import { POSE_SEND_HZ, POSE_SEND_MIN_METRES, POSE_SEND_MIN_RADIANS } from "../../shared/limits.ts";
import { encodeFrame, quantisePose } from "../../shared/pose-codec.ts";
import { ClientMessage } from "../../shared/protocol.ts";
import { sendBytes } from "../net/connection.ts";
import { localHands } from "./local-pose.ts";

const INTERVAL_MS = 1000 / POSE_SEND_HZ;
const part = () => ({ position: new THREE.Vector3(Infinity, 0, 0), quaternion: new THREE.Quaternion() });
type Part = ReturnType<typeof part>;

function changed(sent: Part, position: THREE.Vector3, quaternion: THREE.Quaternion): boolean {
  return (
    sent.position.distanceTo(position) > POSE_SEND_MIN_METRES ||
    sent.quaternion.angleTo(quaternion) > POSE_SEND_MIN_RADIANS
  );
}

/**
 * Streams your head (and, in a headset, both hands) through the shared pose codec:
 * at most 20 Hz, and only while something moved beyond a small threshold.
 */
export function PoseSender() {
  const camera = useThree((s) => s.camera);
  const xr = useThree((s) => s.gl.xr);
  const last = useRef({ at: 0, head: part(), left: part(), right: part(), handsTracked: false });
  const head = useRef(part());

  useFrame(() => {
    const now = performance.now();
    const sent = last.current;
    if (now - sent.at < INTERVAL_MS) return;
    const source = xr.isPresenting ? xr.getCamera() : camera;
    const h = head.current;
    source.getWorldPosition(h.position);
    source.getWorldQuaternion(h.quaternion);
    const hands = localHands.tracked;
    const moved =
      hands !== sent.handsTracked ||
      changed(sent.head, h.position, h.quaternion) ||
      (hands &&
        (changed(sent.left, localHands.left.position, localHands.left.quaternion) ||
          changed(sent.right, localHands.right.position, localHands.right.quaternion)));
    if (!moved) return;

    sent.at = now;
    sent.handsTracked = hands;
    sent.head.position.copy(h.position);
    sent.head.quaternion.copy(h.quaternion);
    sent.left.position.copy(localHands.left.position);
    sent.left.quaternion.copy(localHands.left.quaternion);
    sent.right.position.copy(localHands.right.position);
    sent.right.quaternion.copy(localHands.right.quaternion);
    const frame = encodeFrame({
      head: quantisePose({ position: h.position, rotation: h.quaternion }),
      hands: hands
        ? {
            left: quantisePose({ position: localHands.left.position, rotation: localHands.left.quaternion }),
            right: quantisePose({ position: localHands.right.position, rotation: localHands.right.quaternion }),
          }
        : null,
    });
    sendBytes(ClientMessage.Pose, frame);
  });

  return null;
}
