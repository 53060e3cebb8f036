import { CircleView } from "./circle/CircleView.tsx";
import { Lobby } from "./lobby/Lobby.tsx";
import { useConnection } from "./net/useConnection.ts";

export function App() {
  const status = useConnection((s) => s.status);
  const inCircle = status === "in-circle" || status === "reconnecting";
  return inCircle ? <CircleView /> : <Lobby />;
}
