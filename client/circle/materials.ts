import * as THREE from "three";

/** Geometries and materials shared by every avatar and prop: created once, never per frame. */
export const geometries = {
  head: new THREE.IcosahedronGeometry(0.12, 1),
  visor: new THREE.BoxGeometry(0.15, 0.045, 0.05),
  torso: new THREE.CylinderGeometry(0.13, 0.2, 0.5, 8),
  hand: new THREE.IcosahedronGeometry(0.045, 0),
  seat: new THREE.CylinderGeometry(0.26, 0.3, 0.45, 7),
  stone: new THREE.DodecahedronGeometry(0.1, 0),
  log: new THREE.CylinderGeometry(0.07, 0.08, 0.9, 6),
  flame: new THREE.ConeGeometry(0.17, 0.55, 7, 1, true),
  trunk: new THREE.CylinderGeometry(0.12, 0.18, 1.2, 5),
  crown: new THREE.ConeGeometry(1.1, 3.2, 6),
};

export const materials = {
  // White base so per-instance colours show true.
  avatar: new THREE.MeshStandardMaterial({ color: "#ffffff", roughness: 0.8, flatShading: true }),
  visor: new THREE.MeshStandardMaterial({ color: "#2b2633", roughness: 0.4 }),
  wood: new THREE.MeshStandardMaterial({ color: "#7a5234", roughness: 0.9, flatShading: true }),
  stone: new THREE.MeshStandardMaterial({ color: "#6f6a66", roughness: 1, flatShading: true }),
  flame: new THREE.MeshBasicMaterial({ color: "#ffb35c", transparent: true, opacity: 0.7, side: THREE.DoubleSide, depthWrite: false }),
  ground: new THREE.MeshStandardMaterial({ color: "#2f3a2c", roughness: 1, flatShading: true }),
  trunk: new THREE.MeshStandardMaterial({ color: "#4a3526", roughness: 1, flatShading: true }),
  crown: new THREE.MeshStandardMaterial({ color: "#24402f", roughness: 1, flatShading: true }),
};
