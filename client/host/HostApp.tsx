import { useEffect } from "react";
import { useTranslation } from "react-i18next";
import { Link, matchPath, navigate, useLocation } from "../routing.ts";
import { useAccount, loadAccount, signOut } from "./account.ts";
import { AcceptInvite } from "./AcceptInvite.tsx";
import { AuditLog } from "./AuditLog.tsx";
import { CircleDetail } from "./CircleDetail.tsx";
import { CircleEditor } from "./CircleEditor.tsx";
import { CirclesList } from "./CirclesList.tsx";
import { FacilitatorSessions } from "./FacilitatorSessions.tsx";
import { Setup } from "./Setup.tsx";
import { SignIn } from "./SignIn.tsx";
import "../schedule/schedule.css";

/**
 * Pages for hosts and facilitators, loaded only when one of their paths is visited:
 * /setup, /invite/:token, /host, /host/circles/new, /host/circles/:id, /host/audit, /facilitate.
 */
export default function HostApp() {
  const { t } = useTranslation();
  const { pathname } = useLocation();
  const { loaded, account } = useAccount();
  useEffect(() => {
    void loadAccount();
  }, []);

  if (pathname === "/setup") return <Setup />;
  const invite = matchPath("/invite/:token", pathname);
  if (invite) return <AcceptInvite token={invite.token!} />;

  if (!loaded) return <main className="page"><p>{t("common.loading")}</p></main>;
  if (!account) return <SignIn title={pathname.startsWith("/facilitate") ? t("host.facilitatorsSignIn") : t("host.hostsSignIn")} />;

  let page;
  if (pathname.startsWith("/facilitate")) {
    page = <FacilitatorSessions />;
  } else if (account.role !== "host") {
    page = (
      <>
        <h1>{t("host.hostsOnly")}</h1>
        <p>{t("host.hostsOnlyText")} <Link to="/facilitate">{t("host.seeYourSessions")}</Link>.</p>
      </>
    );
  } else if (pathname === "/host/circles/new") {
    page = (
      <>
        <p><Link to="/host">{t("host.backToCircles")}</Link></p>
        <h1>{t("host.newCircle")}</h1>
        <CircleEditor onSaved={(c) => navigate(`/host/circles/${c.id}`)} />
      </>
    );
  } else if (matchPath("/host/circles/:id", pathname)) {
    page = <CircleDetail circleId={matchPath("/host/circles/:id", pathname)!.id!} />;
  } else if (pathname === "/host/audit") {
    page = <AuditLog />;
  } else {
    page = <CirclesList />;
  }

  return (
    <main className="page">
      <nav className="host-nav" aria-label={t("host.nav")}>
        <Link to="/">Hearth</Link>
        {account.role === "host" && <Link to="/host">{t("host.navCircles")}</Link>}
        {account.role === "host" && <Link to="/host/audit">{t("host.navAudit")}</Link>}
        <Link to="/facilitate">{t("host.navMySessions")}</Link>
        <span className="spacer" />
        <span className="muted">{account.displayName} ({t(`host.role_${account.role}`)})</span>
        <button type="button" onClick={() => void signOut().then(() => navigate("/host"))}>{t("host.signOut")}</button>
      </nav>
      {page}
    </main>
  );
}
