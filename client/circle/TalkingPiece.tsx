import { useFrame } from "@react-three/fiber";
import { useRef } from "react";
import * as THREE from "three";
import { connection } from "../net/connection.ts";
import { renderedAvatars } from "../pose/avatar-poses.ts";
import { localHands } from "../pose/local-pose.ts";

/** The talking piece: a small warm stone, shared by every render of it. */
const geometry = new THREE.DodecahedronGeometry(0.05, 0);
const material = new THREE.MeshStandardMaterial({ color: "#d9a441", emissive: "#7a4a10", emissiveIntensity: 0.6, roughness: 0.5, flatShading: true });
/** Where your own piece shows on the desktop: low and to the right of your view, as if in your hand. */
const IN_VIEW = new THREE.Vector3(0.16, -0.17, -0.45);
const ABOVE_HAND = new THREE.Vector3(0, 0.05, 0);

/** Who holds the piece and where it is drawn (read by the e2e hook). */
export const talkingPieceProbe = { holder: "", position: new THREE.Vector3(), visible: false };

/** Shows the piece in its holder's hand while a round is on: a remote holder's right hand, your own hand in VR, your view on the desktop. */
export function TalkingPiece() {
  const mesh = useRef<THREE.Mesh>(null);
  useFrame(({ camera, gl }, delta) => {
    const piece = mesh.current;
    if (!piece) return;
    const { room, selfId } = connection.getState();
    const holder = room?.state.roundActive ? (room.state.roundHolder ?? "") : "";
    const remote = holder && holder !== selfId ? renderedAvatars.get(holder) : undefined;
    piece.visible = Boolean(holder && (holder === selfId || remote?.placed));
    talkingPieceProbe.holder = piece.visible ? holder : "";
    talkingPieceProbe.visible = piece.visible;
    if (!piece.visible) return;
    if (remote) piece.position.copy(remote.right.position).add(ABOVE_HAND);
    else if (gl.xr.isPresenting && localHands.tracked) piece.position.copy(localHands.right.position).add(ABOVE_HAND);
    else piece.position.copy(IN_VIEW).applyQuaternion(camera.quaternion).add(camera.position);
    piece.rotation.y += delta * 0.6;
    talkingPieceProbe.position.copy(piece.position);
  });
  return <mesh ref={mesh} geometry={geometry} material={material} visible={false} />;
}
