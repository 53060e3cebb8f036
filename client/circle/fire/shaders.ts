import * as THREE from "three";

/** Shared uniforms of the fire: advanced once per frame by <Campfire />, never reallocated. */
export const fireUniforms = {
  uTime: { value: 0 },
  /** 1 for a lively fire, small when the user prefers reduced motion. */
  uMotion: { value: 1 },
  uIntensity: { value: 1 },
  /** Pixels per metre at one metre away, for ember point sizes. */
  uPixelScale: { value: 400 },
};

const NOISE = /* glsl */ `
  float hash(vec2 p) { return fract(sin(dot(p, vec2(127.1, 311.7))) * 43758.5453); }
  float noise(vec2 p) {
    vec2 i = floor(p);
    vec2 f = fract(p);
    f = f * f * (3.0 - 2.0 * f);
    return mix(mix(hash(i), hash(i + vec2(1.0, 0.0)), f.x), mix(hash(i + vec2(0.0, 1.0)), hash(i + vec2(1.0, 1.0)), f.x), f.y);
  }
`;

/**
 * Tongues of flame: each quad turns about the vertical towards the eye (so the fire reads the
 * same from every seat and in both eyes of a headset) and is shaped by scrolling value noise.
 */
const flameVertex = /* glsl */ `
  uniform float uTime;
  uniform float uMotion;
  attribute vec3 aCenter;
  attribute vec2 aSize;
  attribute float aSeed;
  varying vec2 vUv;
  varying float vSeed;
  void main() {
    vUv = uv;
    vSeed = aSeed;
    vec3 center = (modelMatrix * vec4(aCenter, 1.0)).xyz;
    vec3 toEye = cameraPosition - center;
    vec3 right = normalize(vec3(toEye.z, 0.0, -toEye.x) + vec3(1e-5, 0.0, 0.0));
    float breathe = 1.0 + 0.12 * uMotion * sin(uTime * (2.1 + aSeed) + aSeed * 11.0);
    float sway = 0.04 * uMotion * sin(uTime * 1.7 + aSeed * 6.0) * uv.y * uv.y;
    vec3 world = center + right * ((uv.x - 0.5) * aSize.x + sway) + vec3(0.0, uv.y * aSize.y * breathe, 0.0);
    gl_Position = projectionMatrix * viewMatrix * vec4(world, 1.0);
  }
`;

const flameFragment = /* glsl */ `
  uniform float uTime;
  uniform float uMotion;
  uniform float uIntensity;
  varying vec2 vUv;
  varying float vSeed;
  ${NOISE}
  void main() {
    float t = uTime * (0.35 + 0.65 * uMotion);
    float n = noise(vec2(vUv.x * 3.0 + vSeed * 7.0, vUv.y * 3.5 - t * 2.4)) * 0.6
            + noise(vec2(vUv.x * 7.0 + vSeed * 3.0, vUv.y * 7.0 - t * 3.9)) * 0.4;
    float x = abs(vUv.x - 0.5) * 2.0;
    float width = mix(0.95, 0.08, vUv.y) * (0.55 + 0.45 * smoothstep(0.0, 0.2, vUv.y));
    float body = 1.0 - smoothstep(width * 0.55, width, x + (n - 0.5) * 0.45 * vUv.y);
    float top = 1.0 - smoothstep(0.45, 0.95, vUv.y + (n - 0.5) * 0.4);
    float shape = body * top * smoothstep(0.0, 0.06, vUv.y);
    float heat = shape * (1.0 - vUv.y * 0.9) * (1.0 - x * 0.6);
    vec3 color = mix(vec3(0.7, 0.14, 0.02), vec3(0.95, 0.45, 0.1), smoothstep(0.15, 0.6, heat));
    color = mix(color, vec3(1.0, 0.8, 0.45), smoothstep(0.7, 1.0, heat));
    // Overlapping tongues add up: each stays dim so the whole fire glows rather than burns white.
    gl_FragColor = vec4(color * shape * 0.42 * uIntensity, 1.0);
    #include <colorspace_fragment>
  }
`;

/** The "low" quality fire: the same tongues, shaped by a smooth taper and a flicker instead of noise. */
const flatFlameFragment = /* glsl */ `
  uniform float uIntensity;
  varying vec2 vUv;
  varying float vSeed;
  void main() {
    float x = abs(vUv.x - 0.5) * 2.0;
    float width = mix(0.9, 0.05, vUv.y);
    float shape = (1.0 - smoothstep(width * 0.5, width, x)) * (1.0 - smoothstep(0.55, 0.95, vUv.y));
    vec3 color = mix(vec3(0.75, 0.2, 0.03), vec3(1.0, 0.7, 0.35), shape * (1.0 - vUv.y));
    gl_FragColor = vec4(color * shape * 0.45 * uIntensity, 1.0);
    #include <colorspace_fragment>
  }
`;

/** Sparks rising from the fire: each point's whole life is computed from its seed and the time. */
const emberVertex = /* glsl */ `
  uniform float uTime;
  uniform float uMotion;
  uniform float uPixelScale;
  attribute vec3 aSeed;
  varying float vLife;
  void main() {
    float speed = 0.16 + 0.22 * aSeed.x;
    float life = fract(uTime * speed * (0.3 + 0.7 * uMotion) + aSeed.y);
    float angle = aSeed.z * 6.2832 + life * (2.0 + aSeed.x * 3.0);
    float radius = 0.08 + 0.22 * aSeed.x + life * 0.25;
    vec3 p = vec3(cos(angle) * radius, 0.25 + life * (1.6 + aSeed.z * 1.2), sin(angle) * radius);
    vLife = life;
    vec4 mv = modelViewMatrix * vec4(p, 1.0);
    gl_PointSize = uPixelScale * 0.022 * (1.0 - life) / max(0.1, -mv.z);
    gl_Position = projectionMatrix * mv;
  }
`;

const emberFragment = /* glsl */ `
  varying float vLife;
  void main() {
    float d = length(gl_PointCoord - 0.5);
    float glow = smoothstep(0.5, 0.0, d);
    float fade = smoothstep(0.0, 0.1, vLife) * (1.0 - smoothstep(0.6, 1.0, vLife));
    vec3 color = mix(vec3(1.0, 0.75, 0.35), vec3(0.9, 0.25, 0.05), vLife);
    gl_FragColor = vec4(color * glow * fade, 1.0);
    #include <colorspace_fragment>
  }
`;

const additive = { transparent: true, depthWrite: false, blending: THREE.AdditiveBlending, fog: false, toneMapped: false } as const;

export const flameMaterial = new THREE.ShaderMaterial({ uniforms: fireUniforms, vertexShader: flameVertex, fragmentShader: flameFragment, ...additive });
export const flatFlameMaterial = new THREE.ShaderMaterial({ uniforms: fireUniforms, vertexShader: flameVertex, fragmentShader: flatFlameFragment, ...additive });
export const emberMaterial = new THREE.ShaderMaterial({ uniforms: fireUniforms, vertexShader: emberVertex, fragmentShader: emberFragment, ...additive });

/** Seeded pseudo-random numbers, so the fire is built the same on every page. */
function seeded(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s * 16807) % 2147483647;
    return (s - 1) / 2147483646;
  };
}

/** The tongues of flame as one geometry: a tall core, a ring of smaller flames around it. */
export function flameGeometry(): THREE.BufferGeometry {
  const random = seeded(7);
  const tongues: { x: number; z: number; w: number; h: number }[] = [{ x: 0, z: 0, w: 0.42, h: 0.8 }];
  for (let i = 0; i < 7; i++) {
    const a = (i / 7) * Math.PI * 2 + random() * 0.4;
    const r = 0.1 + random() * 0.12;
    tongues.push({ x: Math.sin(a) * r, z: Math.cos(a) * r, w: 0.22 + random() * 0.12, h: 0.35 + random() * 0.3 });
  }
  const n = tongues.length;
  const centers = new Float32Array(n * 12);
  const sizes = new Float32Array(n * 8);
  const seeds = new Float32Array(n * 4);
  const uvs = new Float32Array(n * 8);
  const index: number[] = [];
  const corners = [0, 0, 1, 0, 1, 1, 0, 1];
  tongues.forEach((t, i) => {
    const seed = random();
    for (let c = 0; c < 4; c++) {
      centers.set([t.x, 0.12, t.z], (i * 4 + c) * 3);
      sizes.set([t.w, t.h], (i * 4 + c) * 2);
      seeds[i * 4 + c] = seed;
    }
    uvs.set(corners, i * 8);
    const b = i * 4;
    index.push(b, b + 1, b + 2, b, b + 2, b + 3);
  });
  const geometry = new THREE.BufferGeometry();
  geometry.setAttribute("position", new THREE.BufferAttribute(centers, 3));
  geometry.setAttribute("aCenter", new THREE.BufferAttribute(centers, 3));
  geometry.setAttribute("aSize", new THREE.BufferAttribute(sizes, 2));
  geometry.setAttribute("aSeed", new THREE.BufferAttribute(seeds, 1));
  geometry.setAttribute("uv", new THREE.BufferAttribute(uvs, 2));
  geometry.setIndex(index);
  geometry.boundingSphere = new THREE.Sphere(new THREE.Vector3(0, 0.6, 0), 1);
  return geometry;
}

export const EMBERS = 48;

export function emberGeometry(): THREE.BufferGeometry {
  const random = seeded(31);
  const seeds = new Float32Array(EMBERS * 3);
  for (let i = 0; i < seeds.length; i++) seeds[i] = random();
  const geometry = new THREE.BufferGeometry();
  geometry.setAttribute("position", new THREE.BufferAttribute(new Float32Array(EMBERS * 3), 3));
  geometry.setAttribute("aSeed", new THREE.BufferAttribute(seeds, 3));
  geometry.boundingSphere = new THREE.Sphere(new THREE.Vector3(0, 1.2, 0), 2);
  return geometry;
}
