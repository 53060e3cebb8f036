import { useEffect } from "react";
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
  const { pathname } = useLocation();
  const { loaded, account } = useAccount();
  useEffect(() => {
    void loadAccount();
  }, []);

  if (pathname === "/setup") return <Setup />;
  const invite = matchPath("/invite/:token", pathname);
  if (invite) return <AcceptInvite token={invite.token!} />;

  if (!loaded) return <main className="page"><p>Loading…</p></main>;
  if (!account) return <SignIn title={pathname.startsWith("/facilitate") ? "Facilitators: sign in" : "Hosts: sign in"} />;

  let page;
  if (pathname.startsWith("/facilitate")) {
    page = <FacilitatorSessions />;
  } else if (account.role !== "host") {
    page = (
      <>
        <h1>Hosts only</h1>
        <p>These pages are for hosts. <Link to="/facilitate">See the sessions you facilitate</Link>.</p>
      </>
    );
  } else if (pathname === "/host/circles/new") {
    page = (
      <>
        <p><Link to="/host">← Your circles</Link></p>
        <h1>New circle</h1>
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
      <nav className="host-nav" aria-label="Host">
        <Link to="/">Hearth</Link>
        {account.role === "host" && <Link to="/host">Circles</Link>}
        {account.role === "host" && <Link to="/host/audit">Audit log</Link>}
        <Link to="/facilitate">My sessions</Link>
        <span className="spacer" />
        <span className="muted">{account.displayName} ({account.role})</span>
        <button type="button" onClick={() => void signOut().then(() => navigate("/host"))}>Sign out</button>
      </nav>
      {page}
    </main>
  );
}
