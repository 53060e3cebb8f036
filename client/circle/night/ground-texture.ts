import * as THREE from "three";

const SIZE = 256;

/**
 * A small tiling texture of earth and grass, drawn once on a canvas (no file to fetch). Its
 * colour is near white so the ground's vertex colours decide the tone: ash, trodden earth, grass.
 */
export function groundTexture(): THREE.Texture {
  if (typeof document === "undefined") return new THREE.Texture();
  const canvas = document.createElement("canvas");
  canvas.width = canvas.height = SIZE;
  const ctx = canvas.getContext("2d")!;
  ctx.fillStyle = "#d8d8d8";
  ctx.fillRect(0, 0, SIZE, SIZE);
  let seed = 99;
  const random = () => ((seed = (seed * 16807) % 2147483647) - 1) / 2147483646;
  // Mottling: soft blotches of lighter and darker earth.
  for (let i = 0; i < 220; i++) {
    const shade = 150 + Math.floor(random() * 100);
    ctx.fillStyle = `rgba(${shade}, ${shade}, ${shade}, 0.25)`;
    ctx.beginPath();
    ctx.arc(random() * SIZE, random() * SIZE, 4 + random() * 18, 0, Math.PI * 2);
    ctx.fill();
  }
  // Blades and twigs: short strokes.
  ctx.lineWidth = 1;
  for (let i = 0; i < 1400; i++) {
    const x = random() * SIZE;
    const y = random() * SIZE;
    const shade = 120 + Math.floor(random() * 135);
    ctx.strokeStyle = `rgba(${shade}, ${shade}, ${shade}, 0.5)`;
    ctx.beginPath();
    ctx.moveTo(x, y);
    ctx.lineTo(x + (random() - 0.5) * 4, y - 2 - random() * 5);
    ctx.stroke();
  }
  const texture = new THREE.CanvasTexture(canvas);
  texture.wrapS = texture.wrapT = THREE.RepeatWrapping;
  texture.repeat.set(14, 14);
  texture.colorSpace = THREE.SRGBColorSpace;
  texture.anisotropy = 4;
  return texture;
}

/** A ground disc whose vertex colours run from ash at the fire through trodden earth to grass. */
export function groundGeometry(clearing: number): THREE.BufferGeometry {
  const rings = new THREE.RingGeometry(0.01, 32, 64, 40);
  const position = rings.getAttribute("position");
  const colors = new Float32Array(position.count * 3);
  const ash = new THREE.Color("#4a4038");
  const earth = new THREE.Color("#5a4a36");
  const grass = new THREE.Color("#3c5233");
  const far = new THREE.Color("#26372a");
  const c = new THREE.Color();
  for (let i = 0; i < position.count; i++) {
    const r = Math.hypot(position.getX(i), position.getY(i));
    if (r < 1) c.copy(ash).lerp(earth, r);
    else if (r < clearing) c.copy(earth).lerp(grass, Math.pow((r - 1) / (clearing - 1), 2));
    else c.copy(grass).lerp(far, Math.min(1, (r - clearing) / 14));
    c.toArray(colors, i * 3);
  }
  rings.setAttribute("color", new THREE.BufferAttribute(colors, 3));
  rings.rotateX(-Math.PI / 2);
  return rings;
}
