import { useFrame } from "@react-three/fiber";
import { useEffect, useLayoutEffect, useMemo, useRef } from "react";
import * as THREE from "three";
import { useStore } from "zustand";
import { audioLevels, sharedAudioContext, voice } from "../voice/voice.ts";
import { emberGeometry, emberMaterial, fireUniforms, flameGeometry, flameMaterial, flatFlameMaterial } from "./fire/shaders.ts";
import { fireGain, fireSound, startFireSound, type FireVoice } from "./fire/sound.ts";
import { geometries, materialsFor } from "./materials.ts";
import { useQuality } from "./quality.ts";
import { motionScale, sceneTime } from "./scene-time.ts";

const STONES = 13;
const LOGS = 4;
const FIRE_SOUND_AT = { x: 0, y: 0.35, z: 0 };
const matrix = new THREE.Matrix4();
const quat = new THREE.Quaternion();
const scale = new THREE.Vector3();
const position = new THREE.Vector3();
const euler = new THREE.Euler();
const drawingSize = new THREE.Vector2();

/** A living fire in a ring of stones: shader flames, rising embers, a flickering warm light and a quiet crackle. */
export function Campfire({ sound = true }: { sound?: boolean }) {
  const light = useRef<THREE.PointLight>(null);
  const level = useQuality();
  const materials = materialsFor(level);
  const stones = useRef<THREE.InstancedMesh>(null);
  const logs = useRef<THREE.InstancedMesh>(null);
  const flames = useMemo(() => flameGeometry(), []);
  const embers = useMemo(() => emberGeometry(), []);
  useEffect(() => () => {
    flames.dispose();
    embers.dispose();
  }, [flames, embers]);

  useLayoutEffect(() => {
    for (let i = 0; i < STONES; i++) {
      const a = (i / STONES) * Math.PI * 2;
      position.set(Math.sin(a) * 0.58, 0.05, Math.cos(a) * 0.58);
      quat.setFromEuler(euler.set(0.3 * Math.sin(i * 2.3), a * 3.1, 0.2 * Math.cos(i * 1.7)));
      scale.set(1 + ((i * 37) % 7) / 14, 0.7 + ((i * 13) % 5) / 10, 0.9 + ((i * 29) % 5) / 12);
      stones.current?.setMatrixAt(i, matrix.compose(position, quat, scale));
    }
    for (let i = 0; i < LOGS; i++) {
      // Leaning together over the embers, like a small tepee.
      quat.setFromEuler(euler.set(Math.PI / 2.6, (i * Math.PI * 2) / LOGS + 0.4, 0, "YXZ"));
      position.set(Math.sin((i * Math.PI * 2) / LOGS + 0.4) * 0.12, 0.14, Math.cos((i * Math.PI * 2) / LOGS + 0.4) * 0.12);
      logs.current?.setMatrixAt(i, matrix.compose(position, quat, scale.set(1, 0.8, 1)));
    }
  }, [level]);

  useFrame(({ gl }) => {
    const t = sceneTime.elapsed;
    const m = motionScale();
    fireUniforms.uTime.value = t;
    fireUniforms.uMotion.value = m;
    if (level === "high") {
      gl.getDrawingBufferSize(drawingSize);
      fireUniforms.uPixelScale.value = drawingSize.y * 0.9;
    }
    const flicker = 1 + m * (Math.sin(t * 7.3) * 0.07 + Math.sin(t * 13.1 + 1.3) * 0.05 + Math.sin(t * 23.7) * 0.03);
    fireUniforms.uIntensity.value = 0.9 + (flicker - 1) * 0.8;
    if (light.current) {
      light.current.intensity = 7 * flicker;
      light.current.position.set(Math.sin(t * 3.1) * 0.05 * m, 0.7 + Math.sin(t * 5.3) * 0.04 * m, Math.cos(t * 2.7) * 0.05 * m);
    }
  });

  return (
    <group name="campfire">
      <instancedMesh key={`stones-${level}`} ref={stones} args={[geometries.stone, materials.stone, STONES]} />
      <instancedMesh key={`logs-${level}`} ref={logs} args={[geometries.log, materials.charredWood, LOGS]} />
      <mesh geometry={geometries.coals} material={materials.coals} position={[0, 0.03, 0]} />
      <mesh geometry={flames} material={level === "high" ? flameMaterial : flatFlameMaterial} frustumCulled={false} renderOrder={2} />
      {level === "high" && <points geometry={embers} material={emberMaterial} frustumCulled={false} renderOrder={3} />}
      {level === "high" && <pointLight ref={light} position={[0, 0.7, 0]} color="#ff8f45" intensity={7} distance={16} decay={1.5} />}
      {sound && <FireCrackle />}
    </group>
  );
}

/** The crackle, at the fire, in the voice graph's AudioContext; its gain follows the volume setting. */
function FireCrackle() {
  const volume = useStore(fireSound, (s) => s.volume);
  const voiceRef = useRef<FireVoice | null>(null);

  useEffect(() => {
    const context = sharedAudioContext();
    const fire = startFireSound(context, FIRE_SOUND_AT);
    voiceRef.current = fire;
    // The page may have been opened without a gesture: the first touch or key starts the sound.
    const resume = () => void context.resume();
    window.addEventListener("pointerdown", resume, { once: true });
    window.addEventListener("keydown", resume, { once: true });
    return () => {
      fire.stop();
      voiceRef.current = null;
      window.removeEventListener("pointerdown", resume);
      window.removeEventListener("keydown", resume);
    };
  }, []);

  useFrame(() => {
    const fire = voiceRef.current;
    if (!fire) return;
    const target = fireGain(volume, voice.getState().masterVolume, audioLevels.size > 0);
    fire.gain.gain.setTargetAtTime(target, fire.gain.context.currentTime, 0.25);
  });
  return null;
}
