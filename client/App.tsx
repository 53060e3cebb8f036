import { Suspense } from "react";
import { useTranslation } from "react-i18next";
import { useConnection } from "./net/useConnection.ts";
import { Routes } from "./Routes.tsx";
import { AfterCircle } from "./safety/AfterCircle.tsx";
import { AgreementsDialog } from "./safety/AgreementsDialog.tsx";
import { CrisisPanel } from "./safety/CrisisPanel.tsx";
// With the app shell, so no chat message of a freshly joined room is missed.
import "./chat/chat-session.ts";
import { lazyChunk, PartBoundary } from "./lazy-chunk.tsx";

// three, R3F and LiveKit load only once someone enters a circle.
const CircleView = lazyChunk(() => import("./circle/CircleView.tsx"));

export function App() {
  const { t } = useTranslation();
  const status = useConnection((s) => s.status);
  const inCircle = status === "in-circle" || status === "reconnecting";
  // Outside a circle: the lobby ("/"), schedule, session, host and facilitator pages by path.
  return (
    <>
      <PartBoundary resetKeys={[inCircle]}>
        {inCircle ? (
          <Suspense fallback={<p className="loading">{t("common.findingSeat")}</p>}>
            <CircleView />
          </Suspense>
        ) : (
          <>
            <AfterCircle />
            <Routes />
          </>
        )}
      </PartBoundary>
      {/* Safety, everywhere: the agreements before a first circle, crisis resources one click away. */}
      <AgreementsDialog />
      <CrisisPanel />
    </>
  );
}
