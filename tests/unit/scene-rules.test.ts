import * as THREE from "three";
import { describe, expect, it } from "vitest";
import { AVATAR_STYLES, avatarStyleOf } from "../../shared/avatar.ts";
import { joinOptionsSchema } from "../../shared/schemas.ts";
import { boundaryFade, viewerHead } from "../../client/safety/boundary.ts";
import { fireGain } from "../../client/circle/fire/sound.ts";
import { layoutTags, type TagEntry } from "../../client/circle/tag-layout.ts";

const at = (distance: number) => new THREE.Vector3(distance, 1.15, 0);

describe("when someone comes inside your personal boundary", () => {
  viewerHead.set(0, 1.15, 0);

  it("does not fade them beyond the boundary", () => {
    expect(boundaryFade(at(1.25))).toBe(0);
  });

  it("fades them clearly as soon as they cross its edge", () => {
    expect(boundaryFade(at(1.16))).toBeGreaterThan(0.2);
  });

  it("leaves only a faint trace at the inner distance and closer", () => {
    expect(boundaryFade(at(0.6))).toBeGreaterThanOrEqual(0.9);
    expect(boundaryFade(at(0.2))).toBe(boundaryFade(at(0.6)));
  });

  it("fades more the closer they come", () => {
    expect(boundaryFade(at(0.8))).toBeGreaterThan(boundaryFade(at(1.0)));
  });
});

describe("when the fire crackles", () => {
  it("stays a background sound at full volume, quieter than a voice at unity gain", () => {
    expect(fireGain(1, 1.5, false)).toBeLessThanOrEqual(0.5);
  });

  it("dips while someone speaks and is silent at zero", () => {
    expect(fireGain(1, 1, true)).toBeLessThan(fireGain(1, 1, false));
    expect(fireGain(0, 1, false)).toBe(0);
  });
});

describe("when a client names an avatar style", () => {
  it("accepts each offered style and no style at all", () => {
    for (const avatarStyle of AVATAR_STYLES) {
      expect(joinOptionsSchema.safeParse({ circleId: "open-circle", pseudonym: "Quiet Otter", color: "#e07a5f", avatarStyle }).success).toBe(true);
    }
    expect(joinOptionsSchema.safeParse({ circleId: "open-circle", pseudonym: "Quiet Otter", color: "#e07a5f" }).success).toBe(true);
  });

  it("refuses an unknown style with a clear message", () => {
    const result = joinOptionsSchema.safeParse({ circleId: "open-circle", pseudonym: "Quiet Otter", color: "#e07a5f", avatarStyle: "<script>" });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toMatch(/avatar style/);
  });

  it("draws anything unknown from the room as the default style", () => {
    expect(avatarStyleOf("dragon")).toBe("pebble");
    expect(avatarStyleOf(undefined)).toBe("pebble");
    expect(avatarStyleOf("lantern")).toBe("lantern");
  });
});

describe("when two name tags would cover each other on screen", () => {
  it("lifts the farther one until they are apart", () => {
    const camera = new THREE.PerspectiveCamera(70, 16 / 9, 0.05, 80);
    camera.position.set(0, 1.15, 0);
    camera.lookAt(0, 1.15, -10);
    // The farther tag sits on the same line of sight as the nearer one.
    const tag = (id: string, z: number): TagEntry => {
      const sprite = new THREE.Sprite();
      sprite.visible = true;
      sprite.position.set(0.1 * -z, 1.15 + 0.12 * -z, z);
      return { id, sprite, aspect: 4, top: 0.19, distance: -z, height: 0.045 * -z, lift: 0, x: 0, y: 0 };
    };
    const near = tag("near", -3);
    const far = tag("far", -6);
    const tags = new Map([["far", far], ["near", near]]);
    layoutTags(tags, camera);
    expect(near.lift).toBe(0);
    expect(far.lift).toBeGreaterThan(0);
    expect(Math.abs(near.y - far.y)).toBeGreaterThanOrEqual((near.h ?? 0) + (far.h ?? 0));
  });
});
