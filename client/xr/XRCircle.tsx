import { XR } from "@react-three/xr";
import { useEffect, useState } from "react";
import { useStore } from "zustand";
import { useSelf } from "../net/useConnection.ts";
import { xrPresence } from "./presence.ts";
import { SeatOrigin } from "./SeatOrigin.tsx";
import { xrStore } from "./store.ts";
import { XRFacilitatorPanel } from "./XRFacilitatorPanel.tsx";
import { XRMenu } from "./XRMenu.tsx";
import { XRGuideCard } from "./XRGuideCard.tsx";
import { isFacilitator } from "../../shared/circle-state.ts";
import { ComfortVignette } from "./ComfortVignette.tsx";

/** The headset path, lazy-loaded: the XR session, your seat as the origin, and the in-VR menus. */
export default function XRCircle({ seat, capacity }: { seat: number; capacity: number }) {
  const active = useStore(xrPresence, (s) => s.active);
  const facilitating = useSelf(isFacilitator);
  const [panelOpen, setPanelOpen] = useState(false);
  // "Enter VR" appears only once <XR> is mounted: a session asked for earlier would find no renderer.
  useEffect(() => {
    xrPresence.setState({ ready: true });
    return () => xrPresence.setState({ ready: false });
  }, []);
  return (
    <XR store={xrStore}>
      <SeatOrigin seat={seat} capacity={capacity} />
      <ComfortVignette />
      {active && (
        <XRMenu
          seat={seat}
          capacity={capacity}
          facilitatorPanel={facilitating ? { open: panelOpen, toggle: () => setPanelOpen((o) => !o) } : undefined}
        />
      )}
      {active && facilitating && panelOpen && <XRFacilitatorPanel seat={seat} capacity={capacity} />}
      {active && <XRGuideCard seat={seat} capacity={capacity} />}
    </XR>
  );
}
