import { createXRStore } from "@react-three/xr";
import { xrPresence } from "./presence.ts";

/** The XR store. `emulate: false`: the dev emulator is installed by ?xr-emulator (see emulator.ts). */
export const xrStore = createXRStore({
  emulate: false,
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
