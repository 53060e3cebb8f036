import { Canvas, useFrame, useThree } from "@react-three/fiber";
import { PerformanceMonitor } from "@react-three/drei";
import { Suspense, useEffect, useState } from "react";
import { useStore } from "zustand";
import { xrPresence } from "../xr/presence.ts";
import { useConnection, useSelf } from "../net/useConnection.ts";
import { TalkingPiece } from "./TalkingPiece.tsx";
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
import { SpeakingGlow } from "./SpeakingGlow.tsx";
import { StatusIcons } from "./StatusIcons.tsx";
import { advanceSceneTime } from "./scene-time.ts";
import { SKIES, skyFor } from "./night/sky.ts";
import { chooseInitialQuality, declineQuality, SOFTWARE_FPS, SOFTWARE_PIXEL_RATIO, useQuality, useSoftwareRendering } from "./quality.ts";
import { lazyChunk } from "../lazy-chunk.tsx";

// The headset path loads only on browsers that can enter VR.
const XRCircle = lazyChunk(() => import("../xr/XRCircle.tsx"));

/** Below this many frames a second (on a 60 Hz display; 55 on a 72–90 Hz headset) the circle drops to "low". */
const slowBounds = (refreshRate: number): [number, number] => [refreshRate > 70 ? 55 : 40, Infinity];

/** Advances the scene's THREE.Timer once per frame, before anything reads it. */
function SceneTimer() {
  useFrame(() => advanceSceneTime(), -100);
  return null;
}

/** With frameloop "demand": asks for a frame SOFTWARE_FPS times a second (an XR session paces its own). */
function FrameBudget() {
  const invalidate = useThree((s) => s.invalidate);
  useEffect(() => {
    const timer = setInterval(() => invalidate(), 1000 / SOFTWARE_FPS);
    return () => clearInterval(timer);
  }, [invalidate]);
  return null;
}

export function CircleScene() {
  const xrSupported = useStore(xrPresence, (s) => s.supported);
  const capacity = useConnection((s) => s.capacity);
  const circleId = useConnection((s) => s.room?.state.circleId);
  const seat = useSelf((me) => me?.seat);
  // Antialiasing is fixed when the context is made: decided once, from the renderer and the user's settings.
  const [antialias] = useState(() => chooseInitialQuality() === "high");
  const level = useQuality();
  const software = useSoftwareRendering();
  if (!capacity || seat === undefined || seat >= capacity) return null; // no seat: in the waiting room
  const sky = skyFor(circleId);
  const look = SKIES[sky];

  return (
    <Canvas
      className="circle-canvas"
      dpr={level === "high" ? [1, 1.5] : software ? SOFTWARE_PIXEL_RATIO : 1}
      frameloop={software ? "demand" : "always"}
      camera={{ fov: 70, near: 0.05, far: 80 }}
      gl={{ antialias }}
    >
      {software && <FrameBudget />}
      <SceneTimer />
      {level === "high" && <PerformanceMonitor bounds={slowBounds} onDecline={declineQuality} />}
      <color attach="background" args={[look.fog]} />
      <fog attach="fog" args={[look.fog, 10, 34]} />
      {/* "low" draws with this one light: the fire's point light and the moon's are "high" only. */}
      <hemisphereLight args={look.hemisphere} />
      <Surroundings capacity={capacity} sky={sky} />
      <Campfire />
      <Avatars />
      <TalkingPiece />
      <NameTags />
      <SpeakingGlow />
      <StatusIcons />
      <CaptionTags />
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
