import { useFrame } from "@react-three/fiber";
import { useLayoutEffect, useRef } from "react";
import * as THREE from "three";
import { geometries, materials } from "./materials.ts";

const STONES = 11;
const stoneMatrix = new THREE.Matrix4();
const stoneQuat = new THREE.Quaternion();
const stoneScale = new THREE.Vector3();
const stonePosition = new THREE.Vector3();

/** A low fire in a ring of stones; the flame and its light flicker gently. */
export function Campfire() {
  const flame = useRef<THREE.Mesh>(null);
  const light = useRef<THREE.PointLight>(null);
  const stones = useRef<THREE.InstancedMesh>(null);
  const logs = useRef<THREE.InstancedMesh>(null);

  useLayoutEffect(() => {
    for (let i = 0; i < STONES; i++) {
      const a = (i / STONES) * Math.PI * 2;
      stonePosition.set(Math.sin(a) * 0.55, 0.06, Math.cos(a) * 0.55);
      stoneQuat.setFromAxisAngle(new THREE.Vector3(0, 1, 0), a * 3.1);
      stoneScale.setScalar(0.85 + ((i * 37) % 7) / 20);
      stones.current?.setMatrixAt(i, stoneMatrix.compose(stonePosition, stoneQuat, stoneScale));
    }
    for (let i = 0; i < 3; i++) {
      const q = new THREE.Quaternion().setFromEuler(new THREE.Euler(Math.PI / 2.4, (i * Math.PI * 2) / 3, 0, "YXZ"));
      logs.current?.setMatrixAt(i, stoneMatrix.compose(new THREE.Vector3(0, 0.15, 0), q, new THREE.Vector3(1, 1, 1)));
    }
  }, []);

  useFrame(({ clock }) => {
    const t = clock.elapsedTime;
    const flicker = 0.85 + Math.sin(t * 7.3) * 0.06 + Math.sin(t * 13.1) * 0.04;
    if (flame.current) flame.current.scale.set(1, flicker, 1);
    if (light.current) light.current.intensity = 9 * flicker;
  });

  return (
    <group name="campfire">
      <instancedMesh ref={stones} args={[geometries.stone, materials.stone, STONES]} />
      <instancedMesh ref={logs} args={[geometries.log, materials.wood, 3]} />
      <mesh ref={flame} geometry={geometries.flame} material={materials.flame} position={[0, 0.38, 0]} />
      <pointLight ref={light} position={[0, 0.8, 0]} color="#ff9a4d" intensity={9} distance={14} decay={1.6} />
    </group>
  );
}
