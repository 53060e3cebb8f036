import { Canvas, useFrame } from "@react-three/fiber";
import { useRef } from "react";
import * as THREE from "three";
import type { AvatarColor, AvatarStyle } from "../../shared/avatar.ts";
import { partGeometries, STYLE_SHAPES } from "../circle/avatar/styles.ts";
import { geometries, materials } from "../circle/materials.ts";
import { advanceSceneTime, motionScale, sceneTime } from "../circle/scene-time.ts";

const HEAD_Y = 1.15;
const Y = new THREE.Vector3(0, 1, 0);

/** A resting arm from shoulder to lap, as the circle draws it (client/circle/avatar/placement.ts). */
function armPose(side: -1 | 1): { position: [number, number, number]; quaternion: THREE.Quaternion; length: number } {
  const shoulder = new THREE.Vector3(0.19 * side, HEAD_Y - 0.24, 0.01);
  const hand = new THREE.Vector3(0.12 * side, 0.575, -0.25);
  const along = hand.clone().sub(shoulder);
  return { position: shoulder.toArray(), quaternion: new THREE.Quaternion().setFromUnitVectors(Y, along.clone().normalize()), length: along.length() - 0.03 };
}
const ARMS = [armPose(-1), armPose(1)];

/** One avatar on a seat in warm light, breathing and turning slowly: what others will see of you. */
function PreviewAvatar({ style, color }: { style: AvatarStyle; color: AvatarColor }) {
  const group = useRef<THREE.Group>(null);
  const body = useRef<THREE.Mesh>(null);
  const head = useRef<THREE.Group>(null);
  const shape = STYLE_SHAPES[style];
  useFrame(() => {
    advanceSceneTime();
    const t = sceneTime.elapsed;
    const m = motionScale();
    if (group.current) group.current.rotation.y = Math.PI + 0.35 + Math.sin(t * 0.3) * 0.3 * m;
    const breath = Math.sin((t / 4.6) * Math.PI * 2) * m;
    body.current?.scale.set(1 + breath * 0.014, 1, 1 + breath * 0.014);
    if (head.current) head.current.position.y = HEAD_Y + breath * 0.004;
  });
  return (
    <group ref={group} position={[0, 0, 0]}>
      <mesh geometry={geometries.seat} material={materials.seat} position={[0, 0, 0.12]} />
      <mesh ref={body} geometry={shape.body} position={[0, HEAD_Y, 0]}>
        <meshStandardMaterial color={color} roughness={0.75} />
      </mesh>
      <group ref={head} position={[0, HEAD_Y, 0]}>
        <mesh geometry={shape.head}>
          <meshStandardMaterial color={color} roughness={0.75} />
        </mesh>
        <mesh geometry={partGeometries.eyes} material={materials.face} position={[0, shape.face.eyes, -shape.face.forward]} />
        <mesh geometry={partGeometries.mouth} material={materials.face} position={[0, shape.face.mouth, -shape.face.forward]} scale={[1, 0.45, 1]} />
      </group>
      <mesh geometry={partGeometries.lap} position={[0, 0.47, 0]}>
        <meshStandardMaterial color={color} roughness={0.75} />
      </mesh>
      {ARMS.map((arm, i) => (
        <mesh key={i} geometry={partGeometries.arm} position={arm.position} quaternion={arm.quaternion} scale={[1, arm.length, 1]}>
          <meshStandardMaterial color={color} roughness={0.75} />
        </mesh>
      ))}
      {[-0.12, 0.12].map((x) => (
        <mesh key={x} geometry={partGeometries.hand} position={[x, 0.575, -0.25]}>
          <meshStandardMaterial color={color} roughness={0.75} />
        </mesh>
      ))}
    </group>
  );
}



export default function AvatarPreview({ style, color }: { style: AvatarStyle; color: AvatarColor }) {
  return (
    <Canvas
      className="avatar-preview"
      dpr={1}
      camera={{ fov: 32, position: [0.45, 1.2, 2.9], near: 0.05, far: 30 }}
      onCreated={({ camera }) => camera.lookAt(0, 0.72, 0)}
      aria-hidden="true"
    >
      <color attach="background" args={["#1d2036"]} />
      <hemisphereLight args={["#b8bfe6", "#3a2c1e", 1.4]} />
      <directionalLight position={[1, 2, 3]} intensity={0.8} />
      {/* A warm light from the side, as the fire gives in the circle (the fire itself is not drawn here: the lobby stays light). */}
      <pointLight position={[-0.8, 0.6, 1]} color="#ff9a4d" intensity={2.5} distance={5} decay={1.5} />
      <PreviewAvatar style={style} color={color} />
    </Canvas>
  );
}
