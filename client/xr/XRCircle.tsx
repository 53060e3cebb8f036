import { XR } from "@react-three/xr";
import { SeatOrigin } from "./SeatOrigin.tsx";
import { xrStore } from "./store.ts";
import { XRMenu } from "./XRMenu.tsx";
import { useStore } from "zustand";
import { xrPresence } from "./presence.ts";

/** The headset path, lazy-loaded: the XR session, your seat as the origin, and the in-VR menu. */
export default function XRCircle({ seat, capacity }: { seat: number; capacity: number }) {
  const active = useStore(xrPresence, (s) => s.active);
  return (
    <XR store={xrStore}>
      <SeatOrigin seat={seat} capacity={capacity} />
      {active && <XRMenu seat={seat} capacity={capacity} />}
    </XR>
  );
}
