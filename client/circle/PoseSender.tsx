import { useFrame, useThree } from "@react-three/fiber";
import { useRef } from "react";
import * as THREE from "three";
import { POSE_SEND_HZ, POSE_SEND_MIN_METRES, POSE_SEND_MIN_RADIANS } from "../../shared/limits.ts";
import { encodeFrame, quantisePose } from "../../shared/pose-codec.ts";
import { ClientMessage } from "../../shared/protocol.ts";
import { sendBytes } from "../net/connection.ts";

const INTERVAL_MS = 1000 / POSE_SEND_HZ;

/** Streams the camera (your head) to the circle at up to 20 Hz, only while it moves. */
export function PoseSender() {
  const camera = useThree((s) => s.camera);
  const last = useRef({ at: 0, position: new THREE.Vector3(Infinity, 0, 0), quaternion: new THREE.Quaternion() });

  useFrame(() => {
    const now = performance.now();
    const sent = last.current;
    if (now - sent.at < INTERVAL_MS) return;
    const moved = sent.position.distanceTo(camera.position) > POSE_SEND_MIN_METRES;
    const turned = sent.quaternion.angleTo(camera.quaternion) > POSE_SEND_MIN_RADIANS;
    if (!moved && !turned) return;
    sent.at = now;
    sent.position.copy(camera.position);
    sent.quaternion.copy(camera.quaternion);
    sendBytes(ClientMessage.Pose, encodeFrame({ head: quantisePose({ position: camera.position, rotation: camera.quaternion }), hands: null }));
  });

  return null;
}
