import { useFrame } from "@react-three/fiber";
import { useEffect, useMemo, useRef } from "react";
import * as THREE from "three";
import { avatarStyleOf } from "../../shared/avatar.ts";
import { Spaces } from "../../shared/facilitation.ts";
import { useConnection, useSelf } from "../net/useConnection.ts";
import { renderedAvatars } from "../pose/avatar-poses.ts";
import { boundaryFade } from "../safety/boundary.ts";
import { STYLE_SHAPES } from "./avatar/styles.ts";
import { labelTexture } from "./label-texture.ts";
import { layoutTags, type TagEntry } from "./tag-layout.ts";

/** Tags keep about the same size on screen at every seat distance, never below this (metres). */
const MIN_WORLD_HEIGHT = 0.1;
/** The tag's height per metre of distance: ~2.6° of view, readable across a 16-seat circle. */
const HEIGHT_PER_METRE = 0.045;
const GAP_ABOVE_HEAD = 0.1;

const tags = new Map<string, TagEntry>();
const eye = new THREE.Vector3();

function NameTag({ id, pseudonym, flags, top }: { id: string; pseudonym: string; flags: string; top: number }) {
  const sprite = useRef<THREE.Sprite>(null);
  const { texture, aspect } = useMemo(() => labelTexture(flags ? `${flags} ${pseudonym}` : pseudonym), [pseudonym, flags]);
  useEffect(() => () => texture.dispose(), [texture]);
  useEffect(() => {
    const s = sprite.current;
    if (!s) return;
    tags.set(id, { id, sprite: s, aspect, top, distance: 0, height: 0, lift: 0, x: 0, y: 0 });
    return () => void tags.delete(id);
  }, [id, aspect, top]);

  return (
    <sprite ref={sprite} visible={false} name={`name-tag:${id}`}>
      <spriteMaterial map={texture} transparent depthWrite={false} fog={false} toneMapped={false} />
    </sprite>
  );
}

/**
 * A tag above each person: distance-scaled so it reads the same from every seat (desktop and VR),
 * nudged upwards where it would overlap a nearer one, and faded with the person inside your boundary.
 */
export function NameTags() {
  const participants = useConnection((s) => s.participants);
  const selfId = useConnection((s) => s.selfId);
  const mySpace = useSelf((me) => me?.space ?? Spaces.Main);

  useFrame(({ camera, gl }) => {
    const viewer = gl.xr.isPresenting ? gl.xr.getCamera() : camera;
    viewer.getWorldPosition(eye);
    for (const tag of tags.values()) {
      const avatar = renderedAvatars.get(tag.id);
      tag.sprite.visible = Boolean(avatar?.placed);
      if (!avatar?.placed) continue;
      tag.distance = avatar.head.position.distanceTo(eye);
      tag.height = Math.max(MIN_WORLD_HEIGHT, tag.distance * HEIGHT_PER_METRE);
      tag.sprite.position.copy(avatar.head.position);
      tag.sprite.position.y += tag.top + GAP_ABOVE_HEAD + tag.height / 2;
      tag.sprite.scale.set(tag.height * tag.aspect, tag.height, 1);
      const material = tag.sprite.material;
      material.opacity = 1 - boundaryFade(avatar.head.position);
    }
    layoutTags(tags, camera);
  });

  return (
    <group name="name-tags">
      {participants
        .filter((p) => p.id !== selfId && p.space === mySpace)
        .map((p) => (
          <NameTag
            key={p.id}
            id={p.id}
            pseudonym={p.pseudonym}
            top={STYLE_SHAPES[avatarStyleOf(p.avatarStyle)].top}
            flags={[p.handRaised ? "✋" : "", p.away ? "(away)" : "", p.connected ? "" : "(reconnecting)", p.captions ? "[CC]" : "", p.disguised ? "(disguised)" : ""].join(" ").trim()}
          />
        ))}
    </group>
  );
}

/** For the test hook: each visible tag's height in world metres and its screen rectangle (NDC). */
export function tagSnapshot(): Record<string, { distance: number; height: number; lift: number; opacity: number; x: number; y: number; w: number; h: number }> {
  const out: Record<string, { distance: number; height: number; lift: number; opacity: number; x: number; y: number; w: number; h: number }> = {};
  for (const t of tags.values()) {
    if (!t.sprite.visible) continue;
    out[t.id] = { distance: t.distance, height: t.height, lift: t.lift, opacity: t.sprite.material.opacity, x: t.x, y: t.y, w: t.w ?? 0, h: t.h ?? 0 };
  }
  return out;
}
