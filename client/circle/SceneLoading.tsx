import { useProgress } from "@react-three/drei";

/** While models load (the headset's controllers and hands), a small progress note over the scene. */
export function SceneLoading() {
  const { active, progress } = useProgress();
  if (!active) return null;
  return (
    <div className="scene-loading" role="status">
      Loading the circle… {Math.round(progress)}%
    </div>
  );
}
