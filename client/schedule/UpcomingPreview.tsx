import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import type { SessionsResponse, SessionSummary } from "../../shared/scheduling-api.ts";
import { Link } from "../routing.ts";
import { api } from "./api.ts";
import { SessionCard } from "./SessionCard.tsx";
import "./schedule.css";

/** The next few public sessions, under the open circle on the home page. */
export default function UpcomingPreview() {
  const { t } = useTranslation();
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
      <h2 id="upcoming-heading">{t("sessions.scheduled")}</h2>
      {sessions?.length === 0 && <p className="muted">{t("sessions.noneSoon")}</p>}
      <ul className="session-list">
        {sessions?.map((s) => <SessionCard key={s.id} session={s} />)}
      </ul>
      <p>
        <Link to="/sessions">{t("sessions.allUpcoming")}</Link> · <Link to="/me">{t("sessions.myRegistrations")}</Link> ·{" "}
        <Link to="/host">{t("sessions.forHosts")}</Link> · <Link to="/facilitate">{t("sessions.forFacilitators")}</Link>
      </p>
    </section>
  );
}
