import { useFrame } from "@react-three/fiber";
import { useRef } from "react";
import * as THREE from "three";
import { CIRCLE_CAPACITY_MAX } from "../../shared/limits.ts";
import { boundaryFade } from "../safety/boundary.ts";
import { renderedAvatars } from "../pose/avatar-poses.ts";
import { shownLevels } from "./avatar/speaking.ts";
import { glowTexture } from "./icon-textures.ts";

const geometry = new THREE.PlaneGeometry(1, 1);
const material = new THREE.MeshBasicMaterial({
  map: glowTexture(),
  transparent: true,
  depthWrite: false,
  blending: THREE.AdditiveBlending,
  toneMapped: false,
  fog: false,
});
const matrix = new THREE.Matrix4();
const position = new THREE.Vector3();
const scale = new THREE.Vector3();
const color = new THREE.Color();
const eye = new THREE.Quaternion();

/** A soft glow in the speaker's own colour around their head, swelling with their voice (LiveKit's audio level). */
export function SpeakingGlow() {
  const glows = useRef<THREE.InstancedMesh>(null);
  useFrame(({ camera, gl }) => {
    const mesh = glows.current;
    if (!mesh) return;
    (gl.xr.isPresenting ? gl.xr.getCamera() : camera).getWorldQuaternion(eye);
    let i = 0;
    for (const [id, level] of shownLevels) {
      const avatar = renderedAvatars.get(id);
      if (!avatar?.placed || i >= CIRCLE_CAPACITY_MAX) continue;
      const fade = 1 - boundaryFade(avatar.head.position);
      position.copy(avatar.head.position);
      position.y -= 0.05;
      scale.setScalar(0.55 + level * 0.35);
      mesh.setMatrixAt(i, matrix.compose(position, eye, scale));
      mesh.setColorAt(i, color.set(avatar.color).multiplyScalar(Math.min(1, level) * 0.9 * fade));
      i++;
    }
    mesh.count = i;
    mesh.instanceMatrix.needsUpdate = true;
    if (mesh.instanceColor) mesh.instanceColor.needsUpdate = true;
  });
  return <instancedMesh ref={glows} args={[geometry, material, CIRCLE_CAPACITY_MAX]} frustumCulled={false} renderOrder={4} name="speaking-glow" />;
}
