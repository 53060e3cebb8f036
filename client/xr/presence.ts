import { createStore } from "zustand/vanilla";

/**
 * Whether this browser can enter immersive VR, whether the scene's XR layer is mounted and ready
 * to take a session, and whether it is in VR now. No XR code imported here.
 */
export const xrPresence = createStore(() => ({ supported: false, ready: false, active: false }));

export function detectXRSupport(): void {
  const xr = (navigator as Navigator & { xr?: XRSystem }).xr;
  if (!xr) return;
  xr.isSessionSupported("immersive-vr")
    .then((supported) => xrPresence.setState({ supported }))
    .catch(() => xrPresence.setState({ supported: false }));
}
