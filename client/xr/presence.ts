import { createStore } from "zustand/vanilla";

/** Whether this browser can enter immersive VR, and whether it is in VR now. No XR code imported here. */
export const xrPresence = createStore(() => ({ supported: false, active: false }));

export function detectXRSupport(): void {
  const xr = (navigator as Navigator & { xr?: XRSystem }).xr;
  if (!xr) return;
  xr.isSessionSupported("immersive-vr")
    .then((supported) => xrPresence.setState({ supported }))
    .catch(() => xrPresence.setState({ supported: false }));
}
