import { useEffect, useState } from "react";
import type { SessionsResponse, SessionSummary } from "../../shared/scheduling-api.ts";
import { Link } from "../routing.ts";
import { api } from "./api.ts";
import { SessionCard } from "./SessionCard.tsx";
import "./schedule.css";

/** The next few public sessions, under the open circle on the home page. */
export default function UpcomingPreview() {
  const [sessions, setSessions] = useState<SessionSummary[] | null>(null);
  useEffect(() => {
    let live = true;
    api<SessionsResponse>("/api/sessions?days=14")
      .then((body) => live && setSessions(body.sessions.slice(0, 5)))
      .catch(() => live && setSessions([]));
    return () => {
      live = false;
    };
  }, []);
  return (
    <section className="page upcoming" aria-labelledby="upcoming-heading">
      <h2 id="upcoming-heading">Scheduled circles</h2>
      {sessions?.length === 0 && <p className="muted">No scheduled sessions in the next two weeks.</p>}
      <ul className="session-list">
        {sessions?.map((s) => <SessionCard key={s.id} session={s} />)}
      </ul>
      <p>
        <Link to="/sessions">All upcoming sessions</Link> · <Link to="/me">My registrations</Link> ·{" "}
        <Link to="/host">For hosts</Link> · <Link to="/facilitate">For facilitators</Link>
      </p>
    </section>
  );
}
