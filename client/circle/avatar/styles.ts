import * as THREE from "three";
import { RoundedBoxGeometry } from "three/examples/jsm/geometries/RoundedBoxGeometry.js";
import { mergeGeometries } from "three/examples/jsm/utils/BufferGeometryUtils.js";
import { AVATAR_STYLES, type AvatarStyle } from "../../../shared/avatar.ts";

/**
 * The body and head of each avatar style, in head space (origin at the head's centre, forward -Z).
 * Bodies hang below the head; `face` says where the eyes and mouth sit on that head.
 */
export interface StyleShape {
  head: THREE.BufferGeometry;
  body: THREE.BufferGeometry;
  /** Distance of the face in front of the head's centre, and the eyes' height above it. */
  face: { forward: number; eyes: number; mouth: number };
  /** How high above the head's centre a name tag or icon floats. */
  top: number;
}

const lathe = (points: [number, number][], segments = 14) =>
  new THREE.LatheGeometry(points.map(([r, y]) => new THREE.Vector2(r, y)), segments);

function pebble(): StyleShape {
  return {
    head: new THREE.SphereGeometry(0.125, 18, 14),
    body: lathe([[0.001, -0.66], [0.2, -0.64], [0.245, -0.5], [0.23, -0.34], [0.19, -0.22], [0.08, -0.15], [0.05, -0.1], [0.001, -0.1]]),
    face: { forward: 0.115, eyes: 0.02, mouth: -0.045 },
    top: 0.19,
  };
}

function pine(): StyleShape {
  return {
    head: new THREE.SphereGeometry(0.11, 18, 14).scale(0.95, 1.18, 1),
    body: lathe([[0.001, -0.68], [0.16, -0.66], [0.18, -0.52], [0.17, -0.36], [0.16, -0.24], [0.12, -0.17], [0.045, -0.13], [0.04, -0.08], [0.001, -0.08]]),
    face: { forward: 0.102, eyes: 0.025, mouth: -0.05 },
    top: 0.21,
  };
}

function lantern(): StyleShape {
  // A soft cube of a head and a hooded, cape-like body with broad shoulders.
  // The hood is open at the front (-Z, phi = 3π/2) so the face shows.
  const opening = 1.9;
  const hood = new THREE.SphereGeometry(0.165, 16, 10, (3 * Math.PI) / 2 + opening / 2, Math.PI * 2 - opening, 0, Math.PI * 0.62).translate(0, -0.02, 0.03);
  const cape = lathe([[0.001, -0.66], [0.25, -0.64], [0.26, -0.46], [0.24, -0.3], [0.22, -0.2], [0.13, -0.14], [0.001, -0.13]], 8);
  return {
    head: new RoundedBoxGeometry(0.21, 0.22, 0.2, 3, 0.06),
    body: mergeGeometries([cape.toNonIndexed(), hood.toNonIndexed()])!,
    face: { forward: 0.102, eyes: 0.025, mouth: -0.045 },
    top: 0.2,
  };
}

export const STYLE_SHAPES: Record<AvatarStyle, StyleShape> = { pebble: pebble(), pine: pine(), lantern: lantern() };
export const STYLE_INDEX: Record<AvatarStyle, number> = Object.fromEntries(AVATAR_STYLES.map((s, i) => [s, i])) as Record<AvatarStyle, number>;

/** Shared by every style: a pair of eyes, a mouth, a mitten of a hand and a seated lap. */
export const partGeometries = {
  eyes: mergeGeometries([
    new THREE.SphereGeometry(0.016, 8, 6).scale(1, 1.25, 0.6).translate(-0.042, 0, 0),
    new THREE.SphereGeometry(0.016, 8, 6).scale(1, 1.25, 0.6).translate(0.042, 0, 0),
  ])!,
  mouth: new THREE.SphereGeometry(0.022, 10, 6).scale(1.2, 0.5, 0.5),
  hand: new THREE.SphereGeometry(0.045, 10, 8).scale(0.85, 0.55, 1.25),
  /** A sleeve one metre long along +Y from its origin, stretched per frame from shoulder to hand. */
  arm: new THREE.CylinderGeometry(0.038, 0.045, 1, 8, 1, true).translate(0, 0.5, 0),
  lap: mergeGeometries([
    new THREE.CapsuleGeometry(0.075, 0.3, 4, 8).rotateX(Math.PI / 2).translate(-0.1, 0, -0.17),
    new THREE.CapsuleGeometry(0.075, 0.3, 4, 8).rotateX(Math.PI / 2).translate(0.1, 0, -0.17),
    new THREE.CapsuleGeometry(0.065, 0.36, 4, 8).translate(-0.1, -0.26, -0.36),
    new THREE.CapsuleGeometry(0.065, 0.36, 4, 8).translate(0.1, -0.26, -0.36),
  ])!,
};
