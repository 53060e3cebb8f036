import { useFrame } from "@react-three/fiber";
import { useEffect, useMemo, useRef } from "react";
import * as THREE from "three";
import { useConnection } from "../net/useConnection.ts";
import { renderedAvatars } from "./avatar-poses.ts";

const TAG_HEIGHT_ABOVE_HEAD = 0.3;
const WORLD_HEIGHT = 0.12;

/** Draws text once to a canvas: works in XR too, where DOM overlays do not. */
function makeTagTexture(text: string, flags: string): { texture: THREE.CanvasTexture; aspect: number } {
  const canvas = document.createElement("canvas");
  const ctx = canvas.getContext("2d")!;
  const label = flags ? `${flags} ${text}` : text;
  const font = "600 44px system-ui, sans-serif";
  ctx.font = font;
  const width = Math.ceil(ctx.measureText(label).width) + 48;
  canvas.width = width;
  canvas.height = 72;
  ctx.font = font;
  ctx.fillStyle = "rgba(20, 16, 28, 0.72)";
  ctx.beginPath();
  ctx.roundRect(0, 0, width, 72, 36);
  ctx.fill();
  ctx.fillStyle = "#fdf6ec";
  ctx.textBaseline = "middle";
  ctx.fillText(label, 24, 38);
  const texture = new THREE.CanvasTexture(canvas);
  texture.colorSpace = THREE.SRGBColorSpace;
  return { texture, aspect: width / 72 };
}

function NameTag({ id, pseudonym, flags }: { id: string; pseudonym: string; flags: string }) {
  const sprite = useRef<THREE.Sprite>(null);
  const { texture, aspect } = useMemo(() => makeTagTexture(pseudonym, flags), [pseudonym, flags]);
  useEffect(() => () => texture.dispose(), [texture]);

  useFrame(() => {
    const avatar = renderedAvatars.get(id);
    if (!sprite.current) return;
    sprite.current.visible = Boolean(avatar?.placed);
    if (avatar) sprite.current.position.copy(avatar.head.position).setY(avatar.head.position.y + TAG_HEIGHT_ABOVE_HEAD);
  });

  return (
    <sprite ref={sprite} scale={[WORLD_HEIGHT * aspect, WORLD_HEIGHT, 1]} visible={false}>
      <spriteMaterial map={texture} transparent depthWrite={false} />
    </sprite>
  );
}

export function NameTags() {
  const participants = useConnection((s) => s.participants);
  const selfId = useConnection((s) => s.selfId);
  return (
    <group name="name-tags">
      {participants
        .filter((p) => p.id !== selfId)
        .map((p) => (
          <NameTag
            key={p.id}
            id={p.id}
            pseudonym={p.pseudonym}
            flags={[p.handRaised ? "✋" : "", p.away ? "(away)" : "", p.connected ? "" : "(reconnecting)"].join(" ").trim()}
          />
        ))}
    </group>
  );
}
