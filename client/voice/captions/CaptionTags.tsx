import { useFrame } from "@react-three/fiber";
import { useEffect, useMemo, useRef } from "react";
import * as THREE from "three";
import { useStore } from "zustand";
import { renderedAvatars } from "../../pose/avatar-poses.ts";
import { labelTexture } from "../../circle/label-texture.ts";
import { captionLines, visibleCaption } from "./caption-lines.ts";

const BELOW_HEAD = 0.32;
const WORLD_HEIGHT = 0.09;
const MAX_CHARS = 90;

/** One line at a speaker's avatar, in the scene: seen on the desktop and in a headset alike. */
function CaptionTag({ id, text }: { id: string; text: string }) {
  const sprite = useRef<THREE.Sprite>(null);
  const shortened = text.length > MAX_CHARS ? `…${text.slice(-MAX_CHARS)}` : text;
  const { texture, aspect } = useMemo(() => labelTexture(shortened, { background: "rgba(0, 0, 0, 0.8)" }), [shortened]);
  useEffect(() => () => texture.dispose(), [texture]);
  useFrame(() => {
    const avatar = renderedAvatars.get(id);
    if (!sprite.current) return;
    sprite.current.visible = Boolean(avatar?.placed);
    if (avatar) sprite.current.position.copy(avatar.head.position).setY(avatar.head.position.y - BELOW_HEAD);
  });
  return (
    <sprite ref={sprite} scale={[WORLD_HEIGHT * aspect, WORLD_HEIGHT, 1]} visible={false} renderOrder={2}>
      <spriteMaterial map={texture} transparent depthWrite={false} depthTest={false} />
    </sprite>
  );
}

export function CaptionTags() {
  const { show, lines } = useStore(captionLines);
  return (
    <group name="caption-tags">
      {Object.values(lines)
        .filter((line) => visibleCaption(line, show))
        .map((line) => (
          <CaptionTag key={line.from} id={line.from} text={line.text} />
        ))}
    </group>
  );
}
