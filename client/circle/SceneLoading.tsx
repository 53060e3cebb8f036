import { useProgress } from "@react-three/drei";
import { useTranslation } from "react-i18next";

/** While models load (the headset's controllers and hands), a small progress note over the scene. */
export function SceneLoading() {
  const { t } = useTranslation();
  const { active, progress } = useProgress();
  if (!active) return null;
  return (
    <div className="scene-loading" role="status">
      {t("controls.loadingCircle", { progress: Math.round(progress) })}
    </div>
  );
}
