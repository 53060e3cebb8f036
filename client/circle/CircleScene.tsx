import { Canvas } from "@react-three/fiber";
import { lazy, Suspense } from "react";
import { useStore } from "zustand";
import { xrPresence } from "../xr/presence.ts";
import { useConnection, useSelf } from "../net/useConnection.ts";
import { Avatars } from "./Avatars.tsx";
import { Campfire } from "./Campfire.tsx";
import { DesktopRig } from "./DesktopRig.tsx";
import { NameTags } from "./NameTags.tsx";
import { CaptionTags } from "../voice/captions/CaptionTags.tsx";
import { PoseSender } from "../pose/PoseSender.tsx";
import { Surroundings } from "./Surroundings.tsx";
import { SpatialAudio } from "../voice/SpatialAudio.tsx";
import { SceneProbe } from "../testing/hearth-hook.ts";
import { SafetyProbe } from "../testing/safety-hook.ts";
import { SpeakingRings } from "./SpeakingRings.tsx";

// The headset path loads only on browsers that can enter VR.
const XRCircle = lazy(() => import("../xr/XRCircle.tsx"));

export function CircleScene() {
  const xrSupported = useStore(xrPresence, (s) => s.supported);
  const capacity = useConnection((s) => s.capacity);
  const seat = useSelf((me) => me?.seat);
  if (!capacity || seat === undefined || seat >= capacity) return null; // no seat: in the waiting room

  return (
    <Canvas className="circle-canvas" dpr={[1, 1.5]} camera={{ fov: 70, near: 0.05, far: 60 }} gl={{ antialias: true }}>
      <color attach="background" args={["#17141f"]} />
      <fog attach="fog" args={["#17141f", 8, 24]} />
      <hemisphereLight args={["#7c82b0", "#3a2c1e", 1.2]} />
      <directionalLight position={[4, 8, 3]} intensity={0.35} color="#9aa4d6" />
      <Surroundings capacity={capacity} />
      <Campfire />
      <Avatars />
      <NameTags />
      <CaptionTags />
      <SpeakingRings />
      <SpatialAudio />
      <DesktopRig seat={seat} capacity={capacity} />
      <PoseSender />
      <SceneProbe />
      <SafetyProbe />
      {xrSupported && (
        <Suspense fallback={null}>
          <XRCircle seat={seat} capacity={capacity} />
        </Suspense>
      )}
    </Canvas>
  );
}
