import { useFrame } from "@react-three/fiber";
import { useRef } from "react";
import * as THREE from "three";
import { CIRCLE_CAPACITY_MAX } from "../../shared/limits.ts";
import { audioLevels } from "../voice/voice.ts";
import { renderedAvatars } from "../pose/avatar-poses.ts";
import { silencedForMe } from "../safety/session.ts";

const geometry = new THREE.TorusGeometry(0.2, 0.012, 6, 24).rotateX(Math.PI / 2);
const material = new THREE.MeshBasicMaterial({ color: "#ffd27a", transparent: true, opacity: 0.9 });
const matrix = new THREE.Matrix4();
const position = new THREE.Vector3();
const scale = new THREE.Vector3();
const IDENTITY = new THREE.Quaternion();

/** A warm ring around the neck of whoever is speaking, swelling with their voice. */
export function SpeakingRings() {
  const rings = useRef<THREE.InstancedMesh>(null);
  useFrame(() => {
    const mesh = rings.current;
    if (!mesh) return;
    let i = 0;
    for (const [id, level] of audioLevels) {
      const avatar = renderedAvatars.get(id);
      if (!avatar?.placed || i >= CIRCLE_CAPACITY_MAX || silencedForMe(id)) continue;
      position.copy(avatar.head.position).setY(avatar.head.position.y - 0.17);
      scale.setScalar(1 + Math.min(level, 1) * 0.5);
      mesh.setMatrixAt(i++, matrix.compose(position, IDENTITY, scale));
    }
    mesh.count = i;
    mesh.instanceMatrix.needsUpdate = true;
  });
  return <instancedMesh ref={rings} args={[geometry, material, CIRCLE_CAPACITY_MAX]} frustumCulled={false} />;
}
