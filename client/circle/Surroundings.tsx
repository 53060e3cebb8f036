import { useLayoutEffect, useRef } from "react";
import * as THREE from "three";
import { seatTransform } from "../../shared/seats.ts";
import { geometries, materials } from "./materials.ts";

const TREES = 28;
const m = new THREE.Matrix4();
const q = new THREE.Quaternion();
const p = new THREE.Vector3();
const s = new THREE.Vector3();

/** Ground, seats and a ring of trees: each repeated prop is one instanced draw call. */
export function Surroundings({ capacity }: { capacity: number }) {
  const seats = useRef<THREE.InstancedMesh>(null);
  const trunks = useRef<THREE.InstancedMesh>(null);
  const crowns = useRef<THREE.InstancedMesh>(null);

  useLayoutEffect(() => {
    for (let i = 0; i < capacity; i++) {
      const seat = seatTransform(i, capacity);
      // The seat sits just behind where the person's head is.
      p.set(seat.x * 1.04, 0.225, seat.z * 1.04);
      q.setFromAxisAngle(new THREE.Vector3(0, 1, 0), seat.yaw);
      seats.current?.setMatrixAt(i, m.compose(p, q, s.set(1, 1, 1)));
    }
    if (seats.current) seats.current.instanceMatrix.needsUpdate = true;
    for (let i = 0; i < TREES; i++) {
      const a = (i / TREES) * Math.PI * 2 + Math.sin(i * 12.9) * 0.08;
      const r = 10 + ((i * 53) % 11) * 0.5;
      const scale = 0.8 + ((i * 31) % 9) / 12;
      q.identity();
      s.set(scale, scale, scale);
      trunks.current?.setMatrixAt(i, m.compose(p.set(Math.sin(a) * r, 0.6 * scale, Math.cos(a) * r), q, s));
      crowns.current?.setMatrixAt(i, m.compose(p.set(Math.sin(a) * r, 2.6 * scale, Math.cos(a) * r), q, s));
    }
  }, [capacity]);

  return (
    <group name="surroundings">
      <mesh rotation={[-Math.PI / 2, 0, 0]} material={materials.ground}>
        <circleGeometry args={[16, 24]} />
      </mesh>
      <instancedMesh key={capacity} ref={seats} args={[geometries.seat, materials.wood, capacity]} />
      <instancedMesh ref={trunks} args={[geometries.trunk, materials.trunk, TREES]} />
      <instancedMesh ref={crowns} args={[geometries.crown, materials.crown, TREES]} />
    </group>
  );
}
