import { useFrame } from "@react-three/fiber";
import { useRef } from "react";
import * as THREE from "three";
import { CIRCLE_CAPACITY_MAX } from "../../shared/limits.ts";
import { seatTransform } from "../../shared/seats.ts";
import { connection, remotePoses } from "../net/connection.ts";
import { forgetMissingAvatars, updateRenderedAvatar } from "../pose/avatar-poses.ts";
import { geometries, materials } from "./materials.ts";
import { BOUNDARY_FADE_COLOR, boundaryFade, boundaryStats, viewerHead } from "../safety/boundary.ts";
import { Spaces } from "../../shared/facilitation.ts";

const MAX = CIRCLE_CAPACITY_MAX;
const ONE = new THREE.Vector3(1, 1, 1);
const UP = new THREE.Vector3(0, 1, 0);
const VISOR_OFFSET = new THREE.Vector3(0, 0.015, -0.1);
const matrix = new THREE.Matrix4();
const offset = new THREE.Vector3();
const torsoPosition = new THREE.Vector3();
const torsoQuat = new THREE.Quaternion();
const color = new THREE.Color();
const present = new Set<string>();

/** Every remote avatar in four instanced draw calls: heads, visors, torsos and hands. */
export function Avatars() {
  const heads = useRef<THREE.InstancedMesh>(null);
  const visors = useRef<THREE.InstancedMesh>(null);
  const torsos = useRef<THREE.InstancedMesh>(null);
  const hands = useRef<THREE.InstancedMesh>(null);

  useFrame(({ camera, gl }) => {
    const now = performance.now();
    const { room, selfId, capacity } = connection.getState();
    if (!room || !heads.current || !visors.current || !torsos.current || !hands.current) return;
    // The personal boundary (client/safety/boundary.ts) measures from your own head.
    (gl.xr.isPresenting ? gl.xr.getCamera() : camera).getWorldPosition(viewerHead);
    boundaryStats.faded = 0;
    let i = 0;
    present.clear();
    const mySpace = room.state.participants.get(selfId ?? "")?.space ?? Spaces.Main;
    room.state.participants.forEach((p, id) => {
      // Only the people in your own circle (main or your breakout); nobody from the waiting room.
      if (id === selfId || i >= MAX || (p.space ?? Spaces.Main) !== mySpace) return;
      present.add(id);
      const a = updateRenderedAvatar(id, p, remotePoses.get(id), capacity, now);
      color.set(a.color);
      const fade = boundaryFade(a.head.position);
      if (fade > 0) {
        color.lerp(BOUNDARY_FADE_COLOR, fade);
        boundaryStats.faded++;
      }
      if (p.away || !p.connected) color.multiplyScalar(0.35);

      matrix.compose(a.head.position, a.head.quaternion, ONE);
      heads.current!.setMatrixAt(i, matrix);
      heads.current!.setColorAt(i, color);

      offset.copy(VISOR_OFFSET).applyQuaternion(a.head.quaternion).add(a.head.position);
      matrix.compose(offset, a.head.quaternion, ONE);
      visors.current!.setMatrixAt(i, matrix);

      const seat = seatTransform(a.seat, capacity);
      torsoQuat.setFromAxisAngle(UP, seat.yaw);
      torsoPosition.set(a.head.position.x, a.head.position.y - 0.42, a.head.position.z);
      matrix.compose(torsoPosition, torsoQuat, ONE);
      torsos.current!.setMatrixAt(i, matrix);
      torsos.current!.setColorAt(i, color);

      matrix.compose(a.left.position, a.left.quaternion, ONE);
      hands.current!.setMatrixAt(2 * i, matrix);
      hands.current!.setColorAt(2 * i, color);
      matrix.compose(a.right.position, a.right.quaternion, ONE);
      hands.current!.setMatrixAt(2 * i + 1, matrix);
      hands.current!.setColorAt(2 * i + 1, color);
      i++;
    });
    forgetMissingAvatars(present);
    for (const mesh of [heads.current, visors.current, torsos.current]) {
      mesh.count = i;
      mesh.instanceMatrix.needsUpdate = true;
      if (mesh.instanceColor) mesh.instanceColor.needsUpdate = true;
    }
    hands.current.count = 2 * i;
    hands.current.instanceMatrix.needsUpdate = true;
    if (hands.current.instanceColor) hands.current.instanceColor.needsUpdate = true;
  });

  return (
    <group name="avatars">
      <instancedMesh ref={heads} args={[geometries.head, materials.avatar, MAX]} frustumCulled={false} />
      <instancedMesh ref={visors} args={[geometries.visor, materials.visor, MAX]} frustumCulled={false} />
      <instancedMesh ref={torsos} args={[geometries.torso, materials.avatar, MAX]} frustumCulled={false} />
      <instancedMesh ref={hands} args={[geometries.hand, materials.avatar, MAX * 2]} frustumCulled={false} />
    </group>
  );
}
