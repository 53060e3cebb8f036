import * as THREE from "three";

const part = () => ({ position: new THREE.Vector3(), quaternion: new THREE.Quaternion() });

/**
 * Your own tracked hands in world space, written each frame by the headset code and read by
 * the pose sender. `tracked` is false on the desktop, where hands are not sent.
 */
export const localHands = { tracked: false, left: part(), right: part() };
