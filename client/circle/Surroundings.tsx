import { useFrame } from "@react-three/fiber";
import { useEffect, useLayoutEffect, useMemo, useRef } from "react";
import * as THREE from "three";
import { circleRadius, seatTransform } from "../../shared/seats.ts";
import { geometries, materialsFor } from "./materials.ts";
import { useQuality } from "./quality.ts";
import { groundGeometry } from "./night/ground-texture.ts";
import { mistMaterial, SKIES, skyMaterial, starGeometry, starMaterial, starUniforms, type SkyVariant } from "./night/sky.ts";
import { motionScale, sceneTime } from "./scene-time.ts";

/** Trees, rocks and stars per quality level: "low" keeps the clearing's shape with fewer of each. */
const COUNTS = {
  high: { pines: 44, broadleaves: 16, rocks: 10, stars: 900 },
  low: { pines: 22, broadleaves: 8, rocks: 6, stars: 250 },
} as const;
const SKY_RADIUS = 50;
const m = new THREE.Matrix4();
const q = new THREE.Quaternion();
const p = new THREE.Vector3();
const s = new THREE.Vector3();
const c = new THREE.Color();
const UP = new THREE.Vector3(0, 1, 0);

function seeded(seed: number): () => number {
  let v = seed;
  return () => ((v = (v * 16807) % 2147483647) - 1) / 2147483646;
}

/** Places `count` instances on a ring between `inner` and `outer` metres, tinting each a little. */
function scatter(mesh: THREE.InstancedMesh | null, count: number, inner: number, outer: number, size: [number, number], seed: number): void {
  if (!mesh) return;
  const random = seeded(seed);
  for (let i = 0; i < count; i++) {
    const a = (i / count) * Math.PI * 2 + (random() - 0.5) * 0.25;
    const r = inner + random() * (outer - inner);
    const k = size[0] + random() * (size[1] - size[0]);
    q.setFromAxisAngle(UP, random() * Math.PI * 2);
    mesh.setMatrixAt(i, m.compose(p.set(Math.sin(a) * r, 0, Math.cos(a) * r), q, s.set(k, k * (0.9 + random() * 0.3), k)));
    mesh.setColorAt(i, c.setHSL(0, 0, 0.75 + random() * 0.35));
  }
  mesh.instanceMatrix.needsUpdate = true;
  if (mesh.instanceColor) mesh.instanceColor.needsUpdate = true;
}

/** Sky, stars and moon, low mist, ground, seats and the trees around the clearing: each repeated prop is one instanced draw call. */
export function Surroundings({ capacity, sky = "night" }: { capacity: number; sky?: SkyVariant }) {
  const seats = useRef<THREE.InstancedMesh>(null);
  const pines = useRef<THREE.InstancedMesh>(null);
  const broadleaves = useRef<THREE.InstancedMesh>(null);
  const rocks = useRef<THREE.InstancedMesh>(null);
  const look = SKIES[sky];
  const level = useQuality();
  const materials = materialsFor(level);
  const count = COUNTS[level];
  const clearing = circleRadius(capacity) + 2;
  const ground = useMemo(() => groundGeometry(clearing), [clearing]);
  const skyMat = useMemo(() => skyMaterial(look), [look]);
  const mist = useMemo(() => mistMaterial(look.fog), [look]);
  const stars = useMemo(() => starGeometry(SKY_RADIUS * 0.92, count.stars), [count.stars]);
  useEffect(() => () => (ground.dispose(), skyMat.dispose(), mist.dispose()), [ground, skyMat, mist]);
  useEffect(() => () => stars.dispose(), [stars]);

  useLayoutEffect(() => {
    for (let i = 0; i < capacity; i++) {
      const seat = seatTransform(i, capacity);
      // The seat sits just behind where the person's head is.
      p.set(seat.x * 1.04, 0, seat.z * 1.04);
      q.setFromAxisAngle(UP, seat.yaw);
      seats.current?.setMatrixAt(i, m.compose(p, q, s.set(1, 1, 1)));
    }
    if (seats.current) seats.current.instanceMatrix.needsUpdate = true;
    scatter(pines.current, count.pines, clearing + 6, clearing + 16, [0.9, 1.6], 11);
    scatter(broadleaves.current, count.broadleaves, clearing + 4, clearing + 12, [0.8, 1.2], 23);
    scatter(rocks.current, count.rocks, clearing + 0.5, clearing + 5, [0.3, 0.8], 37);
  }, [capacity, clearing, count]);

  useFrame(() => {
    if (starUniforms.uTime.value === sceneTime.elapsed) return;
    starUniforms.uTime.value = sceneTime.elapsed;
    starUniforms.uMotion.value = motionScale();
    starUniforms.uBrightness.value = look.stars;
  });

  return (
    <group name="surroundings">
      <mesh material={skyMat} renderOrder={-2} frustumCulled={false}>
        <sphereGeometry args={[SKY_RADIUS, 24, 12]} />
      </mesh>
      <points geometry={stars} material={starMaterial} renderOrder={-1} frustumCulled={false} />
      {look.moon && (
        <mesh position={[-22, 26, -30]} renderOrder={-1} onUpdate={(moon) => moon.lookAt(0, 1, 0)}>
          <circleGeometry args={[1.6, 24]} />
          <meshBasicMaterial color="#f4efdc" fog={false} toneMapped={false} />
        </mesh>
      )}
      {look.moon && level === "high" && <directionalLight position={[-22, 26, -30]} intensity={0.35} color="#b8c4ee" />}
      <mesh geometry={ground} material={materials.ground} />
      {level === "high" && (
        <mesh material={mist} position={[0, 0.6, 0]} renderOrder={1}>
          <cylinderGeometry args={[clearing + 3, clearing + 3, 1.2, 32, 1, true]} />
        </mesh>
      )}
      <instancedMesh key={`seats-${capacity}-${level}`} ref={seats} args={[geometries.seat, materials.seat, capacity]} />
      <instancedMesh key={`pines-${level}`} ref={pines} args={[geometries.pine, materials.tree, count.pines]} />
      <instancedMesh key={`broadleaves-${level}`} ref={broadleaves} args={[geometries.broadleaf, materials.tree, count.broadleaves]} />
      <instancedMesh key={`rocks-${level}`} ref={rocks} args={[geometries.rock, materials.rock, count.rocks]} />
    </group>
  );
}
