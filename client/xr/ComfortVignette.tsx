import { useFrame, useThree } from "@react-three/fiber";
import { useRef } from "react";
import * as THREE from "three";
import { vignette } from "./comfort.ts";

/** Eases from full to nothing in about a third of a second after a snap turn. */
const FADE_PER_SECOND = 3;

const material = new THREE.ShaderMaterial({
  uniforms: { uStrength: { value: 0 } },
  vertexShader: /* glsl */ `
    varying vec3 vLocal;
    void main() {
      vLocal = position;
      gl_Position = projectionMatrix * modelViewMatrix * vec4(position, 1.0);
    }
  `,
  fragmentShader: /* glsl */ `
    uniform float uStrength;
    varying vec3 vLocal;
    void main() {
      // Angle from straight ahead (-Z): clear in the middle, dark towards the edge of view.
      float ahead = dot(normalize(vLocal), vec3(0.0, 0.0, -1.0));
      float dark = smoothstep(0.92, 0.55, ahead) * uStrength;
      gl_FragColor = vec4(0.0, 0.0, 0.0, dark);
    }
  `,
  transparent: true,
  depthTest: false,
  depthWrite: false,
  side: THREE.BackSide,
  fog: false,
});
const geometry = new THREE.SphereGeometry(0.3, 24, 12);

/** A comfort vignette around the headset's view, shown briefly on each snap turn. */
export function ComfortVignette() {
  const mesh = useRef<THREE.Mesh>(null);
  const xr = useThree((s) => s.gl.xr);
  useFrame((_, dt) => {
    const m = mesh.current;
    if (!m) return;
    vignette.strength = Math.max(0, vignette.strength - dt * FADE_PER_SECOND);
    material.uniforms.uStrength!.value = vignette.strength;
    m.visible = vignette.strength > 0 && xr.isPresenting;
    if (!m.visible) return;
    const head = xr.getCamera();
    head.getWorldPosition(m.position);
    head.getWorldQuaternion(m.quaternion);
  });
  return <mesh ref={mesh} geometry={geometry} material={material} renderOrder={1000} frustumCulled={false} visible={false} name="comfort-vignette" />;
}
