import * as THREE from "three";
import { mergeGeometries } from "three/examples/jsm/utils/BufferGeometryUtils.js";
import { groundTexture } from "./night/ground-texture.ts";

/** Paints a geometry one colour (as vertex colours), so merged parts keep their own colours. */
function painted(geometry: THREE.BufferGeometry, color: string): THREE.BufferGeometry {
  const c = new THREE.Color(color);
  const count = geometry.getAttribute("position").count;
  const colors = new Float32Array(count * 3);
  for (let i = 0; i < count; i++) c.toArray(colors, i * 3);
  geometry.setAttribute("color", new THREE.BufferAttribute(colors, 3));
  return geometry;
}

const merge = (parts: THREE.BufferGeometry[]) => mergeGeometries(parts.map((p) => (p.index ? p.toNonIndexed() : p)))!;

/** A pine: a trunk and three tiers of needles, one geometry with vertex colours. */
function pine(): THREE.BufferGeometry {
  return merge([
    painted(new THREE.CylinderGeometry(0.1, 0.16, 1.4, 6).translate(0, 0.7, 0), "#5a3f2c"),
    painted(new THREE.ConeGeometry(1.25, 1.9, 8).translate(0, 1.9, 0), "#2f5a3c"),
    painted(new THREE.ConeGeometry(1.0, 1.6, 8).translate(0, 2.7, 0), "#356845"),
    painted(new THREE.ConeGeometry(0.7, 1.3, 8).translate(0, 3.45, 0), "#3e7650"),
  ]);
}

/** A broadleaf tree: a trunk under a cluster of soft crowns. */
function broadleaf(): THREE.BufferGeometry {
  return merge([
    painted(new THREE.CylinderGeometry(0.12, 0.2, 1.8, 6).translate(0, 0.9, 0), "#66482f"),
    painted(new THREE.IcosahedronGeometry(1.05, 1).translate(0, 2.4, 0), "#4d6b34"),
    painted(new THREE.IcosahedronGeometry(0.75, 1).translate(0.6, 2.1, 0.2), "#5b7a3a"),
    painted(new THREE.IcosahedronGeometry(0.7, 1).translate(-0.5, 2.9, -0.2), "#587538"),
  ]);
}

/** A seat: a short log stump with a round cushion on top, in quiet undyed tones. */
function seat(): THREE.BufferGeometry {
  return merge([
    painted(new THREE.CylinderGeometry(0.24, 0.27, 0.38, 10).translate(0, 0.19, 0), "#5e5852"),
    painted(new THREE.CylinderGeometry(0.25, 0.25, 0.02, 10).translate(0, 0.385, 0), "#8a847b"),
    painted(new THREE.SphereGeometry(0.25, 14, 6, 0, Math.PI * 2, 0, Math.PI / 2).scale(1, 0.28, 1).translate(0, 0.39, 0), "#9b968c"),
  ]);
}

/** Geometries and materials shared by every avatar and prop: created once, never per frame. */
export const geometries = {
  seat: seat(),
  stone: new THREE.DodecahedronGeometry(0.1, 0),
  log: new THREE.CylinderGeometry(0.06, 0.075, 0.75, 7),
  coals: new THREE.CircleGeometry(0.36, 16).rotateX(-Math.PI / 2),
  pine: pine(),
  broadleaf: broadleaf(),
  rock: new THREE.DodecahedronGeometry(0.5, 0),
};

export const materials = {
  // White base so per-instance colours show true.
  avatar: new THREE.MeshStandardMaterial({ color: "#ffffff", roughness: 0.75 }),
  face: new THREE.MeshStandardMaterial({ color: "#2b2633", roughness: 0.5 }),
  seat: new THREE.MeshStandardMaterial({ vertexColors: true, roughness: 0.95, flatShading: true }),
  charredWood: new THREE.MeshStandardMaterial({ color: "#3b2a20", roughness: 1, flatShading: true, emissive: "#5a1a05", emissiveIntensity: 0.35 }),
  coals: new THREE.MeshStandardMaterial({ color: "#2a1a12", emissive: "#ff5a1a", emissiveIntensity: 0.6, roughness: 1 }),
  stone: new THREE.MeshStandardMaterial({ color: "#77706a", roughness: 1, flatShading: true }),
  ground: new THREE.MeshStandardMaterial({ map: groundTexture(), vertexColors: true, roughness: 1 }),
  tree: new THREE.MeshStandardMaterial({ vertexColors: true, roughness: 1, flatShading: true }),
  rock: new THREE.MeshStandardMaterial({ color: "#5d5a58", roughness: 1, flatShading: true }),
};

/** The same looks as Lambert materials (no specular term): what "low" quality draws with. */
function lambertOf(m: THREE.MeshStandardMaterial): THREE.MeshLambertMaterial {
  return new THREE.MeshLambertMaterial({
    color: m.color,
    map: m.map,
    vertexColors: m.vertexColors,
    flatShading: m.flatShading,
    emissive: m.emissive,
    emissiveIntensity: m.emissiveIntensity,
  });
}

type Materials = Record<keyof typeof materials, THREE.Material>;

export const lowMaterials = Object.fromEntries(Object.entries(materials).map(([k, m]) => [k, lambertOf(m)])) as unknown as Materials;

/** The shared materials for a quality level. */
export function materialsFor(level: "high" | "low"): Materials {
  return level === "low" ? lowMaterials : materials;
}
