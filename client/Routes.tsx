import { Suspense } from "react";
import { useTranslation } from "react-i18next";
import { Lobby } from "./lobby/Lobby.tsx";
import { matchPath, useLocation } from "./routing.ts";
import { lazyChunk } from "./lazy-chunk.tsx";

// Schedule pages are small; host pages load only for hosts and facilitators.
const BrowseSessions = lazyChunk(() => import("./schedule/BrowseSessions.tsx"));
const SessionPage = lazyChunk(() => import("./schedule/SessionPage.tsx"));
const CirclePage = lazyChunk(() => import("./schedule/CirclePage.tsx"));
const MyRegistrations = lazyChunk(() => import("./schedule/MyRegistrations.tsx"));
const UpcomingPreview = lazyChunk(() => import("./schedule/UpcomingPreview.tsx"));
const HostApp = lazyChunk(() => import("./host/HostApp.tsx"));

/** Pages outside a circle, by `location.pathname`. "/" keeps the open circle's lobby. */
export function Routes() {
  const { t } = useTranslation();
  const { pathname } = useLocation();
  const session = matchPath("/sessions/:id", pathname);
  const circle = matchPath("/circles/:id", pathname);
  let page;
  if (session) page = <SessionPage sessionId={session.id!} key={session.id} />;
  else if (pathname === "/sessions" || pathname === "/sessions/") page = <BrowseSessions />;
  else if (circle) page = <CirclePage circleId={circle.id!} />;
  else if (pathname === "/me") page = <MyRegistrations />;
  else if (/^\/(host|facilitate|setup|invite)(\/|$)/.test(pathname)) page = <HostApp />;
  else {
    return (
      <>
        <Lobby />
        <Suspense fallback={null}>
          <UpcomingPreview />
        </Suspense>
      </>
    );
  }
  return <Suspense fallback={<p className="loading">{t("common.loading")}</p>}>{page}</Suspense>;
}
