import { useFrame } from "@react-three/fiber";
import { useRef } from "react";
import * as THREE from "three";
import { avatarStyleOf } from "../../shared/avatar.ts";
import { CIRCLE_CAPACITY_MAX } from "../../shared/limits.ts";
import { connection } from "../net/connection.ts";
import type { ParticipantStateView } from "../net/state-view.ts";
import { boundaryFade } from "../safety/boundary.ts";
import { renderedAvatars } from "../pose/avatar-poses.ts";
import { STYLE_SHAPES } from "./avatar/styles.ts";
import { type StatusIcon, statusTexture } from "./icon-textures.ts";

const ICONS: StatusIcon[] = ["hand", "muted", "away"];
const SIZE = 0.1;
const geometry = new THREE.PlaneGeometry(1, 1);
const materials = Object.fromEntries(
  ICONS.map((icon) => [icon, new THREE.MeshBasicMaterial({ map: statusTexture(icon), transparent: true, depthWrite: false, toneMapped: false, fog: false })]),
) as Record<StatusIcon, THREE.MeshBasicMaterial>;
const matrix = new THREE.Matrix4();
const position = new THREE.Vector3();
const right = new THREE.Vector3();
const scale = new THREE.Vector3();
const eye = new THREE.Quaternion();
const counts: Record<StatusIcon, number> = { hand: 0, muted: 0, away: 0 };

function shows(icon: StatusIcon, p: ParticipantStateView): boolean {
  if (icon === "hand") return p.handRaised;
  if (icon === "away") return p.away || !p.connected;
  return p.muted || !p.micAllowed || p.mutedByFacilitator;
}

/**
 * Raised hand, muted and away, shown on the avatar itself: small badges beside the head that turn
 * to face you (desktop and VR). They fade and shrink inside your personal boundary with the rest of the person.
 */
export function StatusIcons() {
  const meshes = useRef<Record<StatusIcon, THREE.InstancedMesh | null>>({ hand: null, muted: null, away: null });
  useFrame(({ camera, gl }) => {
    const room = connection.getState().room;
    if (!room) return;
    const viewer = gl.xr.isPresenting ? gl.xr.getCamera() : camera;
    viewer.getWorldQuaternion(eye);
    right.set(1, 0, 0).applyQuaternion(eye);
    counts.hand = counts.muted = counts.away = 0;
    for (const [id, avatar] of renderedAvatars) {
      const p = room.state.participants.get(id);
      if (!p || !avatar.placed) continue;
      const shrink = 1 - boundaryFade(avatar.head.position);
      const top = STYLE_SHAPES[avatarStyleOf(p.avatarStyle)].top;
      let row = 0;
      for (const icon of ICONS) {
        const mesh = meshes.current[icon];
        if (!mesh || !shows(icon, p) || counts[icon] >= CIRCLE_CAPACITY_MAX) continue;
        position.copy(avatar.head.position).addScaledVector(right, 0.21);
        position.y += top - 0.06 - row * (SIZE + 0.015);
        mesh.setMatrixAt(counts[icon]++, matrix.compose(position, eye, scale.setScalar(SIZE * shrink)));
        row++;
      }
    }
    for (const icon of ICONS) {
      const mesh = meshes.current[icon];
      if (!mesh) continue;
      mesh.count = counts[icon];
      mesh.instanceMatrix.needsUpdate = true;
    }
  });
  return (
    <group name="status-icons">
      {ICONS.map((icon) => (
        <instancedMesh
          key={icon}
          name={`status:${icon}`}
          ref={(r) => void (meshes.current[icon] = r)}
          args={[geometry, materials[icon], CIRCLE_CAPACITY_MAX]}
          frustumCulled={false}
          renderOrder={5}
        />
      ))}
    </group>
  );
}
