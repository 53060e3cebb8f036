import { lazy, Suspense } from "react";
import { Lobby } from "./lobby/Lobby.tsx";
import { useConnection } from "./net/useConnection.ts";

// three, R3F and LiveKit load only once someone enters a circle.
const CircleView = lazy(() => import("./circle/CircleView.tsx"));

export function App() {
  const status = useConnection((s) => s.status);
  const inCircle = status === "in-circle" || status === "reconnecting";
  if (!inCircle) return <Lobby />;
  return (
    <Suspense fallback={<p className="loading">Finding your seat…</p>}>
      <CircleView />
    </Suspense>
  );
}
