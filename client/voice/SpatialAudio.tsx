import { useFrame } from "@react-three/fiber";
import * as THREE from "three";
import { renderedAvatars } from "../pose/avatar-poses.ts";
import { placeListener, placePanner } from "./spatial.ts";
import { sharedAudioContext, voices } from "./voice.ts";

const forward = new THREE.Vector3();
const up = new THREE.Vector3();
const position = new THREE.Vector3();

/** Each frame: the listener at your head (voices and the fire's crackle hear from there), each voice at its speaker's head. */
export function SpatialAudio() {
  useFrame(({ camera }) => {
    camera.getWorldPosition(position);
    camera.getWorldDirection(forward);
    up.set(0, 1, 0).applyQuaternion(camera.getWorldQuaternion(tmpQuat));
    placeListener(sharedAudioContext(), position, forward, up);
    for (const [id, { panner }] of voices) {
      const avatar = renderedAvatars.get(id);
      if (avatar?.placed) placePanner(panner, avatar.head.position);
    }
  });
  return null;
}

const tmpQuat = new THREE.Quaternion();
