import { useFrame, useThree } from "@react-three/fiber";
import { connection } from "../net/connection.ts";
import { renderedAvatars } from "./avatar-poses.ts";
import { look } from "./look.ts";

/**
 * A read-only window for end-to-end tests and benchmarks: `window.__hearth`, present only
 * with `?e2e=1` in the URL. Tests read the scene here rather than from pixels.
 */
export const testHookEnabled = typeof location !== "undefined" && new URLSearchParams(location.search).has("e2e");

const renderStats = { calls: 0, triangles: 0, frames: 0 };

function headYaw(q: { x: number; y: number; z: number; w: number }): number {
  // Yaw of the head's forward (-Z) direction, as Math.atan2 of the XZ components.
  const fx = -2 * (q.x * q.z + q.w * q.y);
  const fz = -(1 - 2 * (q.x * q.x + q.y * q.y));
  return Math.atan2(-fx, -fz);
}

if (testHookEnabled) {
  Object.assign(window, {
    __hearth: {
      connection: () => {
        const { status, selfId, capacity, participants, error, lastRefusal } = connection.getState();
        return { status, selfId, capacity, participants, error, lastRefusal };
      },
      avatars: () =>
        Object.fromEntries(
          [...renderedAvatars].map(([id, a]) => [
            id,
            {
              seat: a.seat,
              head: a.head.position.toArray(),
              headYaw: headYaw(a.head.quaternion),
              left: a.left.position.toArray(),
              right: a.right.position.toArray(),
            },
          ]),
        ),
      look: () => ({ ...look }),
      render: () => ({ ...renderStats }),
    },
  });
}

/** Records renderer statistics each frame for the test hook (no-op without it). */
export function SceneProbe() {
  const gl = useThree((s) => s.gl);
  useFrame(() => {
    if (!testHookEnabled) return;
    renderStats.calls = gl.info.render.calls;
    renderStats.triangles = gl.info.render.triangles;
    renderStats.frames++;
  });
  return null;
}
