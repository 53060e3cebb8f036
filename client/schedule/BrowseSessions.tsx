import { type FormEvent, useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import type { SessionsResponse, SessionSummary } from "../../shared/scheduling-api.ts";
import { Link, navigate, useLocation } from "../routing.ts";
import { api, errorText } from "./api.ts";
import { SessionCard } from "./SessionCard.tsx";
import { viewerTimeZone } from "./time.ts";
import "./schedule.css";

/** Upcoming public sessions, filtered by topic, language and day (in the viewer's zone). */
export default function BrowseSessions() {
  const { t } = useTranslation();
  const { search } = useLocation();
  const query = search.toString();
  const [sessions, setSessions] = useState<SessionSummary[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [topic, setTopic] = useState(search.get("topic") ?? "");
  const [language, setLanguage] = useState(search.get("language") ?? "");
  const [day, setDay] = useState(search.get("day") ?? "");

  useEffect(() => {
    const params = new URLSearchParams(query);
    if (params.get("day")) params.set("tz", viewerTimeZone());
    let live = true;
    api<SessionsResponse>(`/api/sessions?${params}`)
      .then((body) => live && (setSessions(body.sessions), setError(null)))
      .catch((e: unknown) => live && setError(errorText(e)));
    return () => {
      live = false;
    };
  }, [query]);

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    const params = new URLSearchParams();
    if (topic.trim()) params.set("topic", topic.trim().toLowerCase());
    if (language.trim()) params.set("language", language.trim());
    if (day) params.set("day", day);
    navigate(`/sessions${params.size ? `?${params}` : ""}`);
  }

  return (
    <main className="page">
      <p><Link to="/">{t("common.backHome")}</Link></p>
      <h1>{t("sessions.upcoming")}</h1>
      <form className="filters" onSubmit={onSubmit} aria-label={t("sessions.filterLabel")}>
        <label>{t("sessions.topic")} <input value={topic} onChange={(e) => setTopic(e.target.value)} placeholder={t("sessions.topicPlaceholder")} /></label>
        <label>{t("sessions.language")} <input value={language} onChange={(e) => setLanguage(e.target.value)} placeholder={t("sessions.languagePlaceholder")} size={6} /></label>
        <label>{t("sessions.day")} <input type="date" value={day} onChange={(e) => setDay(e.target.value)} /></label>
        <button type="submit">{t("sessions.filter")}</button>
      </form>
      <p className="muted">{t("sessions.yourZone", { zone: viewerTimeZone() })}</p>
      {error && <p role="alert" className="error">{error}</p>}
      {!sessions && !error && <p>{t("common.loading")}</p>}
      {sessions?.length === 0 && <p>{t("sessions.noMatch")}</p>}
      <ul className="session-list">
        {sessions?.map((s) => <SessionCard key={s.id} session={s} />)}
      </ul>
      <p><Link to="/me">{t("sessions.myRegistrations")}</Link></p>
    </main>
  );
}
