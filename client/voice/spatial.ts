/**
 * The spatial half of voice: one PannerNode (HRTF) per remote voice, placed at that
 * speaker's avatar head, and the AudioListener at your own head. Updated every frame.
 */

/** Voices stay clearly audible across a 16-seat circle (≤ 6.7 m) while direction stays clear. */
export const DISTANCE_MODEL = {
  distanceModel: "inverse",
  refDistance: 2,
  rolloffFactor: 0.5,
  maxDistance: 30,
} as const;

/** Short ramps keep moving sources free of zipper noise. */
const RAMP_SECONDS = 0.05;

export function createVoicePanner(context: AudioContext): PannerNode {
  return new PannerNode(context, {
    panningModel: "HRTF",
    ...DISTANCE_MODEL,
    coneInnerAngle: 360,
    coneOuterAngle: 360,
  });
}

interface XYZ {
  x: number;
  y: number;
  z: number;
}

function setParam(param: AudioParam, value: number, now: number): void {
  param.setTargetAtTime(value, now, RAMP_SECONDS / 3);
}

export function placePanner(panner: PannerNode, position: XYZ): void {
  const now = panner.context.currentTime;
  setParam(panner.positionX, position.x, now);
  setParam(panner.positionY, position.y, now);
  setParam(panner.positionZ, position.z, now);
}

export function placeListener(context: AudioContext, position: XYZ, forward: XYZ, up: XYZ): void {
  const listener = context.listener;
  const now = context.currentTime;
  if (!listener.positionX) {
    // Older engines (Firefox < 126) only have the setters.
    listener.setPosition(position.x, position.y, position.z);
    listener.setOrientation(forward.x, forward.y, forward.z, up.x, up.y, up.z);
    return;
  }
  setParam(listener.positionX, position.x, now);
  setParam(listener.positionY, position.y, now);
  setParam(listener.positionZ, position.z, now);
  setParam(listener.forwardX, forward.x, now);
  setParam(listener.forwardY, forward.y, now);
  setParam(listener.forwardZ, forward.z, now);
  setParam(listener.upX, up.x, now);
  setParam(listener.upY, up.y, now);
  setParam(listener.upZ, up.z, now);
}
