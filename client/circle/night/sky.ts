import * as THREE from "three";

/** The sky of a circle: a calm night, or a gentle dusk or dawn. */
export type SkyVariant = "night" | "dusk" | "dawn";

export interface SkyLook {
  zenith: string;
  horizon: string;
  fog: string;
  /** How bright the stars are (fewer at dusk and dawn). */
  stars: number;
  moon: boolean;
  hemisphere: [sky: string, ground: string, intensity: number];
}

export const SKIES: Record<SkyVariant, SkyLook> = {
  night: { zenith: "#070a1a", horizon: "#2a2e4a", fog: "#1d2036", stars: 1, moon: true, hemisphere: ["#8a93c8", "#3a2c1e", 0.9] },
  dusk: { zenith: "#141a3a", horizon: "#7a4a5a", fog: "#3a2c3c", stars: 0.45, moon: true, hemisphere: ["#b08aa8", "#3a2c1e", 1.1] },
  dawn: { zenith: "#1e2a4a", horizon: "#9a7a6a", fog: "#4a4450", stars: 0.25, moon: false, hemisphere: ["#a8b0d0", "#3e3022", 1.2] },
};

/** The open circle is always a night circle; others take a variant from their id, the same for everyone. */
export function skyFor(circleId: string | undefined): SkyVariant {
  if (!circleId || circleId === "open-circle") return "night";
  let hash = 0;
  for (let i = 0; i < circleId.length; i++) hash = (hash * 31 + circleId.charCodeAt(i)) | 0;
  return (["night", "dusk", "night", "dawn"] as const)[Math.abs(hash) % 4]!;
}

const skyVertex = /* glsl */ `
  varying vec3 vDirection;
  void main() {
    vDirection = normalize(position);
    gl_Position = projectionMatrix * modelViewMatrix * vec4(position, 1.0);
  }
`;

const skyFragment = /* glsl */ `
  uniform vec3 uZenith;
  uniform vec3 uHorizon;
  varying vec3 vDirection;
  void main() {
    float h = clamp(vDirection.y, 0.0, 1.0);
    vec3 color = mix(uHorizon, uZenith, pow(h, 0.55));
    gl_FragColor = vec4(color, 1.0);
    #include <colorspace_fragment>
  }
`;

export function skyMaterial(look: SkyLook): THREE.ShaderMaterial {
  return new THREE.ShaderMaterial({
    uniforms: {
      uZenith: { value: new THREE.Color(look.zenith) },
      uHorizon: { value: new THREE.Color(look.horizon) },
    },
    vertexShader: skyVertex,
    fragmentShader: skyFragment,
    side: THREE.BackSide,
    depthWrite: false,
    fog: false,
  });
}

const starVertex = /* glsl */ `
  uniform float uTime;
  uniform float uMotion;
  uniform float uBrightness;
  attribute float aSize;
  varying float vAlpha;
  void main() {
    float twinkle = 0.75 + 0.25 * sin(uTime * (0.6 + aSize) + position.x * 13.0) * uMotion;
    vAlpha = uBrightness * twinkle * smoothstep(0.02, 0.25, normalize(position).y);
    gl_PointSize = aSize * 2.2;
    gl_Position = projectionMatrix * modelViewMatrix * vec4(position, 1.0);
  }
`;

const starFragment = /* glsl */ `
  varying float vAlpha;
  void main() {
    float d = length(gl_PointCoord - 0.5);
    gl_FragColor = vec4(vec3(0.92, 0.94, 1.0) * smoothstep(0.5, 0.1, d) * vAlpha, 1.0);
    #include <colorspace_fragment>
  }
`;

export const starUniforms = { uTime: { value: 0 }, uMotion: { value: 1 }, uBrightness: { value: 1 } };

export const starMaterial = new THREE.ShaderMaterial({
  uniforms: starUniforms,
  vertexShader: starVertex,
  fragmentShader: starFragment,
  transparent: true,
  depthWrite: false,
  blending: THREE.AdditiveBlending,
  fog: false,
});

export const STARS = 900;

/** Stars scattered over the upper sky, seeded so everyone sees the same sky. */
export function starGeometry(radius: number, count = STARS): THREE.BufferGeometry {
  let seed = 4242;
  const random = () => ((seed = (seed * 16807) % 2147483647) - 1) / 2147483646;
  const positions = new Float32Array(count * 3);
  const sizes = new Float32Array(count);
  for (let i = 0; i < count; i++) {
    const y = 0.05 + random() * 0.95;
    const a = random() * Math.PI * 2;
    const r = Math.sqrt(1 - y * y);
    positions.set([Math.cos(a) * r * radius, y * radius, Math.sin(a) * r * radius], i * 3);
    sizes[i] = 0.6 + Math.pow(random(), 4) * 2.4;
  }
  const geometry = new THREE.BufferGeometry();
  geometry.setAttribute("position", new THREE.BufferAttribute(positions, 3));
  geometry.setAttribute("aSize", new THREE.BufferAttribute(sizes, 1));
  return geometry;
}

const mistVertex = /* glsl */ `
  varying float vHeight;
  void main() {
    vHeight = uv.y;
    gl_Position = projectionMatrix * modelViewMatrix * vec4(position, 1.0);
  }
`;

const mistFragment = /* glsl */ `
  uniform vec3 uColor;
  varying float vHeight;
  void main() {
    gl_FragColor = vec4(uColor, 0.55 * pow(1.0 - vHeight, 2.0));
    #include <colorspace_fragment>
  }
`;

/** Low mist: an open cylinder beyond the seats, thick at the ground and gone by head height. */
export function mistMaterial(color: string): THREE.ShaderMaterial {
  return new THREE.ShaderMaterial({
    uniforms: { uColor: { value: new THREE.Color(color) } },
    vertexShader: mistVertex,
    fragmentShader: mistFragment,
    transparent: true,
    depthWrite: false,
    side: THREE.DoubleSide,
    fog: false,
  });
}
