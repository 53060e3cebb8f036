import { addAfterEffect, addEffect, useFrame, useThree } from "@react-three/fiber";
import * as THREE from "three";
import { connection } from "../net/connection.ts";
import { renderedAvatars } from "../pose/avatar-poses.ts";
import { xrPresence } from "../xr/presence.ts";
import { localHands } from "../pose/local-pose.ts";
import { look } from "../circle/look.ts";
import { talkingPieceProbe } from "../circle/TalkingPiece.tsx";
import { quality } from "../circle/quality.ts";
import { sharedAudioContext, voice, voices } from "../voice/voice.ts";
import { shownLevels } from "../circle/avatar/speaking.ts";
import { tagSnapshot } from "../circle/NameTags.tsx";
import { fireSound } from "../circle/fire/sound.ts";
import { captionLines } from "../voice/captions/caption-lines.ts";
import { ownCaptions } from "../voice/captions/own-captions.ts";

/**
 * A read-only window for end-to-end tests and benchmarks: `window.__hearth`, present only
 * with `?e2e=1` in the URL. Tests read the scene here rather than from pixels.
 */
export const testHookEnabled = typeof location !== "undefined" && new URLSearchParams(location.search).has("e2e");

const renderStats = { calls: 0, triangles: 0, frames: 0 };
/** Milliseconds of JavaScript per frame (frame callbacks plus the render call), most recent last. */
const frameTimes: number[] = [];
const FRAME_TIMES_KEPT = 1200;
let frameStart = 0;
let renderer: THREE.WebGLRenderer | null = null;
const localHead = { position: new THREE.Vector3() };

function headYaw(q: { x: number; y: number; z: number; w: number }): number {
  // Yaw of the head's forward (-Z) direction, as Math.atan2 of the XZ components.
  const fx = -2 * (q.x * q.z + q.w * q.y);
  const fz = -(1 - 2 * (q.x * q.x + q.y * q.y));
  return Math.atan2(-fx, -fz);
}

if (testHookEnabled) {
  addEffect(() => {
    frameStart = performance.now();
  });
  addAfterEffect(() => {
    frameTimes.push(performance.now() - frameStart);
    if (frameTimes.length > FRAME_TIMES_KEPT) frameTimes.shift();
    if (renderer) {
      renderStats.calls = renderer.info.render.calls;
      renderStats.triangles = renderer.info.render.triangles;
      renderStats.frames++;
    }
  });
  Object.assign(window, {
    __hearth: {
      talkingPiece: () => ({ holder: talkingPieceProbe.holder, visible: talkingPieceProbe.visible, position: talkingPieceProbe.position.toArray() }),
      /** Caption lines on screen now, and the state of one's own captions. */
      captions: () => ({ ...captionLines.getState(), own: ownCaptions.getState() }),
      connection: () => {
        const { status, selfId, capacity, participants, error, lastRefusal, phase, flow } = connection.getState();
        return { status, selfId, capacity, participants, error, lastRefusal, phase, flow };
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
      /** The scene's quality level ("high" | "low") and why it was chosen. */
      quality: () => quality.getState().level,
      qualityReason: () => quality.getState().reason,
      /** Your own head and hands in world space as last sent (XR), and whether a session is active. */
      xr: () => ({
        ...xrPresence.getState(),
        handsTracked: localHands.tracked,
        head: localHead.position.toArray(),
        left: localHands.left.position.toArray(),
        right: localHands.right.position.toArray(),
      }),
      /** Voice as this page hears it: each remote voice's panner position and the listener. */
      voice: () => {
        const { status, selfMuted, micAllowed, needsAudioStart, speaking } = voice.getState();
        const listener = sharedAudioContext().listener;
        return {
          status,
          selfMuted,
          micAllowed,
          needsAudioStart,
          speaking,
          panners: Object.fromEntries(
            [...voices].map(([id, v]) => [id, [v.panner.positionX.value, v.panner.positionY.value, v.panner.positionZ.value]]),
          ),
          listener: {
            position: [listener.positionX.value, listener.positionY.value, listener.positionZ.value],
            forward: [listener.forwardX.value, listener.forwardY.value, listener.forwardZ.value],
          },
        };
      },
      /** Bytes of audio received so far from each remote voice. */
      voiceBytes: async () =>
        Object.fromEntries(
          await Promise.all([...voices].map(async ([id, v]) => [id, (await v.track.getReceiverStats())?.bytesReceived ?? 0] as const)),
        ),
      /** How strongly each person's speaking indicator shows (0–1), yourself included; absent when silent. */
      speaking: () => Object.fromEntries(shownLevels),
      /** Each visible name tag: distance, world height, lifts to avoid overlap, opacity and screen box (NDC). */
      tags: () => tagSnapshot(),
      /** The fire's crackle volume setting (0–1). */
      fire: () => ({ ...fireSound.getState() }),
      render: () => ({ ...renderStats }),
      frameTimes: () => frameTimes.splice(0),
    },
  });
}

/** Records renderer statistics each frame for the test hook (no-op without it). */
export function SceneProbe() {
  const gl = useThree((s) => s.gl);
  const camera = useThree((s) => s.camera);
  useFrame(() => {
    if (!testHookEnabled) return;
    renderer = gl;
    (gl.xr.isPresenting ? gl.xr.getCamera() : camera).getWorldPosition(localHead.position);
  });
  return null;
}
