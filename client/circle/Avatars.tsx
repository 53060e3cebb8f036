import { useFrame } from "@react-three/fiber";
import { useRef } from "react";
import * as THREE from "three";
import { AVATAR_STYLES, avatarStyleOf } from "../../shared/avatar.ts";
import { CIRCLE_CAPACITY_MAX } from "../../shared/limits.ts";
import { connection, remotePoses } from "../net/connection.ts";
import type { ParticipantStateView } from "../net/state-view.ts";
import { silencedForMe } from "../safety/session.ts";
import { BOUNDARY_FADE_COLOR, boundaryFade, boundaryStats, viewerHead } from "../safety/boundary.ts";
import { forgetMissingAvatars, type RenderedAvatar, updateRenderedAvatar } from "../pose/avatar-poses.ts";
import { avatarLook, idleHead, placeArm, placeBody, placeFace, placeHand } from "./avatar/placement.ts";
import { shownLevels, updateShownLevels } from "./avatar/speaking.ts";
import { partGeometries, STYLE_SHAPES } from "./avatar/styles.ts";
import { materialsFor } from "./materials.ts";
import { useQuality } from "./quality.ts";
import { sceneTime } from "./scene-time.ts";
import { Spaces } from "../../shared/facilitation.ts";

const MAX = CIRCLE_CAPACITY_MAX;
const color = new THREE.Color();
const present = new Set<string>();
const matrix = new THREE.Matrix4();
type Mesh = THREE.InstancedMesh | null;

/** Per-style heads and bodies, and the parts every style shares: each group of parts is one instanced draw call. */
interface Meshes {
  heads: Mesh[];
  bodies: Mesh[];
  eyes: Mesh;
  mouths: Mesh;
  arms: Mesh;
  hands: Mesh;
  laps: Mesh;
}

function commit(mesh: Mesh, count: number): void {
  if (!mesh) return;
  mesh.count = count;
  mesh.instanceMatrix.needsUpdate = true;
  if (mesh.instanceColor) mesh.instanceColor.needsUpdate = true;
}

/** Draws one person into the instanced meshes; returns nothing, counts are kept in `counts`. */
function drawAvatar(m: Meshes, counts: number[], shared: number, id: string, p: ParticipantStateView, a: RenderedAvatar, capacity: number): void {
  const style = avatarStyleOf(p.avatarStyle);
  const s = AVATAR_STYLES.indexOf(style);
  const shape = STYLE_SHAPES[style];
  const fade = boundaryFade(a.head.position);
  if (fade > 0) boundaryStats.faded++;
  color.set(a.color);
  if (fade > 0) color.lerp(BOUNDARY_FADE_COLOR, fade);
  if (p.away || !p.connected) color.multiplyScalar(0.4);
  const t = sceneTime.elapsed;
  const look = avatarLook(a, capacity, t, p.seat);

  const head = idleHead(a, look);
  m.heads[s]!.setMatrixAt(counts[s]!, head);
  m.heads[s]!.setColorAt(counts[s]!, color);
  m.bodies[s]!.setMatrixAt(counts[s]!, placeBody(a, look));
  m.bodies[s]!.setColorAt(counts[s]!, color);
  counts[s]!++;

  const level = shownLevels.get(id) ?? 0;
  const talk = level > 0 ? level * (0.45 + 0.55 * Math.abs(Math.sin(t * 11 + p.seat * 1.9))) : 0;
  const faces = placeFace(head, shape.face, talk, t, p.seat);
  m.eyes!.setMatrixAt(shared, faces.eyes);
  m.mouths!.setMatrixAt(shared, faces.mouth);
  m.laps!.setMatrixAt(shared, matrix.copy(look.seatMatrix));
  m.laps!.setColorAt(shared, color);
  const left = placeHand(a, "left", false, look, t);
  m.hands!.setMatrixAt(2 * shared, left);
  m.hands!.setColorAt(2 * shared, color);
  m.arms!.setMatrixAt(2 * shared, placeArm(a, "left", left, look));
  m.arms!.setColorAt(2 * shared, color);
  const right = placeHand(a, "right", p.handRaised, look, t);
  m.hands!.setMatrixAt(2 * shared + 1, right);
  m.hands!.setColorAt(2 * shared + 1, color);
  m.arms!.setMatrixAt(2 * shared + 1, placeArm(a, "right", right, look));
  m.arms!.setColorAt(2 * shared + 1, color);
}

/** Every remote avatar, in a few instanced draw calls: heads and bodies per style, then eyes, mouths, arms, hands and laps. */
export function Avatars() {
  const meshes = useRef<Meshes>({ heads: [], bodies: [], eyes: null, mouths: null, arms: null, hands: null, laps: null });
  const counts = useRef(AVATAR_STYLES.map(() => 0));
  const materials = materialsFor(useQuality());

  useFrame(({ camera, gl }, dt) => {
    const now = performance.now();
    const { room, selfId, capacity } = connection.getState();
    updateShownLevels(dt, silencedForMe);
    const m = meshes.current;
    if (!room || !m.eyes || !m.mouths || !m.arms || !m.hands || !m.laps) return;
    // The personal boundary (client/safety/boundary.ts) measures from your own head.
    (gl.xr.isPresenting ? gl.xr.getCamera() : camera).getWorldPosition(viewerHead);
    boundaryStats.faded = 0;
    counts.current.fill(0);
    let i = 0;
    present.clear();
    const mySpace = room.state.participants.get(selfId ?? "")?.space ?? Spaces.Main;
    room.state.participants.forEach((p, id) => {
      // Only the people in your own circle (main or your breakout); nobody from the waiting room.
      if (id === selfId || i >= MAX || (p.space ?? Spaces.Main) !== mySpace) return;
      present.add(id);
      const a = updateRenderedAvatar(id, p, remotePoses.get(id), capacity, now);
      drawAvatar(m, counts.current, i, id, p, a, capacity);
      i++;
    });
    forgetMissingAvatars(present);
    for (let s = 0; s < AVATAR_STYLES.length; s++) {
      commit(m.heads[s]!, counts.current[s]!);
      commit(m.bodies[s]!, counts.current[s]!);
    }
    commit(m.eyes, i);
    commit(m.mouths, i);
    commit(m.laps, i);
    commit(m.arms, 2 * i);
    commit(m.hands, 2 * i);
  });

  return (
    <group name="avatars">
      {AVATAR_STYLES.map((style, s) => (
        <group key={style} name={`avatars:${style}`}>
          <instancedMesh ref={(r) => void (meshes.current.heads[s] = r)} args={[STYLE_SHAPES[style].head, materials.avatar, MAX]} frustumCulled={false} />
          <instancedMesh ref={(r) => void (meshes.current.bodies[s] = r)} args={[STYLE_SHAPES[style].body, materials.avatar, MAX]} frustumCulled={false} />
        </group>
      ))}
      <instancedMesh ref={(r) => void (meshes.current.eyes = r)} args={[partGeometries.eyes, materials.face, MAX]} frustumCulled={false} />
      <instancedMesh ref={(r) => void (meshes.current.mouths = r)} args={[partGeometries.mouth, materials.face, MAX]} frustumCulled={false} />
      <instancedMesh ref={(r) => void (meshes.current.arms = r)} args={[partGeometries.arm, materials.avatar, MAX * 2]} frustumCulled={false} />
      <instancedMesh ref={(r) => void (meshes.current.hands = r)} args={[partGeometries.hand, materials.avatar, MAX * 2]} frustumCulled={false} />
      <instancedMesh ref={(r) => void (meshes.current.laps = r)} args={[partGeometries.lap, materials.avatar, MAX]} frustumCulled={false} />
    </group>
  );
}
