import { useFrame } from "@react-three/fiber";
import { useEffect, useMemo, useRef } from "react";
import * as THREE from "three";
import { useConnection, useSelf } from "../net/useConnection.ts";
import { renderedAvatars } from "../pose/avatar-poses.ts";
import { labelTexture } from "./label-texture.ts";
import { Spaces } from "../../shared/facilitation.ts";

const TAG_HEIGHT_ABOVE_HEAD = 0.3;
const WORLD_HEIGHT = 0.12;

function NameTag({ id, pseudonym, flags }: { id: string; pseudonym: string; flags: string }) {
  const sprite = useRef<THREE.Sprite>(null);
  const { texture, aspect } = useMemo(() => labelTexture(flags ? `${flags} ${pseudonym}` : pseudonym), [pseudonym, flags]);
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
  const mySpace = useSelf((me) => me?.space ?? Spaces.Main);
  return (
    <group name="name-tags">
      {participants
        .filter((p) => p.id !== selfId && p.space === mySpace)
        .map((p) => (
          <NameTag
            key={p.id}
            id={p.id}
            pseudonym={p.pseudonym}
            flags={[p.handRaised ? "✋" : "", p.away ? "(away)" : "", p.connected ? "" : "(reconnecting)", p.captions ? "[CC]" : "", p.disguised ? "(disguised)" : ""].join(" ").trim()}
          />
        ))}
    </group>
  );
}
