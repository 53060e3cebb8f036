import { createXRStore } from "@react-three/xr";
import { xrPresence } from "./presence.ts";

/**
 * The XR store. `emulate: false`: the dev emulator is installed by ?xr-emulator (see emulator.ts).
 * Controller and hand models come from Hearth's own /xr-profiles/ (scripts/xr-input-profiles.ts),
 * never from the public CDN: no third party learns who is in a circle, and VR works offline.
 */
export const xrStore = createXRStore({
  emulate: false,
  baseAssetPath: new URL("/xr-profiles/", location.origin).href,
  defaultControllerProfileId: "meta-quest-touch-plus",
  defaultXRHandProfileId: "generic-hand",
  offerSession: false,
  foveation: 1,
  frameRate: "high",
  controller: { teleportPointer: false },
  hand: { teleportPointer: false },
});

xrStore.subscribe((state) => {
  const active = state.session != null;
  if (xrPresence.getState().active !== active) xrPresence.setState({ active });
});

export function enterVR(): Promise<XRSession | undefined> {
  return xrStore.enterVR();
}

export function exitVR(): void {
  void xrStore.getState().session?.end();
}
