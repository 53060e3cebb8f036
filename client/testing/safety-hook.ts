import { useFrame, useThree } from "@react-three/fiber";
import * as THREE from "three";
import { chat } from "../chat/chat-session.ts";
import { voice } from "../voice/voice.ts";
import { boundaryStats } from "../safety/boundary.ts";
import { safety } from "../safety/session.ts";
import { safetySettings } from "../safety/settings.ts";

/**
 * The safety part of the e2e test hook (`?e2e=1`): `window.__hearthSafety`, read-only state plus
 * a way to find and press a button of the in-VR menu by its label. Pressing calls the button's
 * own click handler (what a controller's select on it runs), bypassing only the ray: aiming the
 * emulated controller from a test proved unreliable.
 */
const enabled = typeof location !== "undefined" && new URLSearchParams(location.search).has("e2e");
let scene: THREE.Scene | null = null;
let origin: THREE.Object3D | null = null;
const world = new THREE.Vector3();

function button(label: string): THREE.Object3D | undefined {
  return scene?.getObjectByName(`xr-button:${label}`);
}

/**
 * Whether a VR button is shown. A uikit component's own mesh is never drawn (its panel and text
 * are batched by its root, the mesh is only there to be hit by rays): its `isVisible` says.
 */
function shown(o: THREE.Object3D): boolean {
  const uikit = (o as { isVisible?: { value: boolean } }).isVisible;
  return uikit ? uikit.value : o.visible;
}

if (enabled) {
  Object.assign(window, {
    __hearthSafety: {
      state: () => {
        const s = safety.getState();
        const c = chat.getState();
        const v = voice.getState();
        return {
          hidden: s.hidden,
          blocked: s.blocked,
          mutedForMe: s.mutedForMe,
          chat: c.messages.map((m) => ({ id: m.id, from: m.from, text: m.text })),
          reports: s.reports.map((r) => ({ id: r.id, targetId: r.targetId, category: r.category, note: r.note })),
          steppedOut: s.steppedOut !== null,
          crisisOpen: s.crisisOpen,
          chatPaused: c.paused,
          boundary: safetySettings.getState().boundary,
          faded: boundaryStats.faded,
          selfMuted: v.selfMuted,
          masterVolume: v.masterVolume,
        };
      },
      /** Labels of the in-VR buttons now in the scene. */
      xrButtons: () => {
        const labels: string[] = [];
        scene?.traverse((o) => {
          if (o.name.startsWith("xr-button:") && shown(o)) labels.push(o.name.slice("xr-button:".length));
        });
        return labels;
      },
      /** Presses a visible VR button as a controller's select would; false when there is none. */
      xrPress: (label: string) => {
        const b = button(label) as (THREE.Object3D & { __r3f?: { handlers?: { onClick?: (e: unknown) => void } } }) | undefined;
        const onClick = b && shown(b) ? b.__r3f?.handlers?.onClick : undefined;
        if (!onClick) return false;
        onClick({ stopPropagation() {}, object: b, eventObject: b });
        return true;
      },
      /** Where a VR button is, in the XR reference space (what IWER's controller poses are in). */
      xrButtonTarget: (label: string) => {
        const b = button(label);
        if (!b || !origin) return null;
        b.getWorldPosition(world);
        origin.updateMatrixWorld();
        const local = origin.worldToLocal(world.clone());
        return [local.x, local.y, local.z];
      },
    },
  });
}

/** Keeps the hook's scene and XR origin (the camera's parent while presenting) at hand. */
export function SafetyProbe() {
  const current = useThree((s) => s.scene);
  const gl = useThree((s) => s.gl);
  const camera = useThree((s) => s.camera);
  useFrame(() => {
    if (!enabled) return;
    scene = current;
    origin = gl.xr.isPresenting ? (camera.parent ?? null) : null;
  });
  return null;
}
