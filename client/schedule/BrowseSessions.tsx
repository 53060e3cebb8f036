import type { TFunction } from "i18next";
import { type FormEvent, useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import type { SessionsResponse, SessionSummary } from "../../shared/scheduling-api.ts";
import { CURATED_TOPICS, isCuratedTopic, TIMES_OF_DAY, type TimeOfDay } from "../../shared/topics.ts";
import { intlLocale } from "../i18n/index.ts";
import { Link, navigate, useLocation } from "../routing.ts";
import { api, errorText } from "./api.ts";
import { languageName } from "./language-name.ts";
import { SessionCard } from "./SessionCard.tsx";
import { viewerTimeZone } from "./time.ts";
import "./schedule.css";

/** The topic select's choice for "a topic of my own", typed in beside it. */
const OTHER_TOPIC = "other";
/** Languages offered as suggestions in the language field; any other code can be typed. */
const SUGGESTED_LANGUAGES = ["en", "es", "fr", "de", "pt", "it", "nl", "pl", "ar"];

/**
 * Upcoming public sessions, filtered by topic, language, day and time of day (both in the
 * viewer's zone). The URL holds the filters: `?topic=fathers&language=es&timeOfDay=evening`.
 */
export default function BrowseSessions() {
  const { t } = useTranslation();
  const { search } = useLocation();
  const query = search.toString();
  const [sessions, setSessions] = useState<SessionSummary[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    const params = new URLSearchParams(query);
    if (params.get("day") || params.get("timeOfDay")) params.set("tz", viewerTimeZone());
    let live = true;
    api<SessionsResponse>(`/api/sessions?${params}`)
      .then((body) => live && (setSessions(body.sessions), setError(null)))
      .catch((e: unknown) => live && setError(errorText(e)));
    return () => {
      live = false;
    };
  }, [query]);

  return (
    <main className="page">
      <p><Link to="/">{t("common.backHome")}</Link></p>
      <h1>{t("sessions.upcoming")}</h1>
      {/* Keyed by the URL: going back or forward shows that URL's filters. */}
      <Filters key={query} search={search} />
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

/** "Morning (05:00–12:00)". */
function timeOfDayText(part: TimeOfDay, t: TFunction): string {
  const [from, to] = TIMES_OF_DAY[part];
  const hour = (h: number) => `${String(h % 24).padStart(2, "0")}:00`;
  return t("topics.timeOfDayRange", { part: t(`topics.timesOfDay.${part}`), from: hour(from), to: hour(to) });
}

function Filters({ search }: { search: URLSearchParams }) {
  const { t } = useTranslation();
  const topicInUrl = search.get("topic") ?? "";
  const [topic, setTopic] = useState(topicInUrl === "" || isCuratedTopic(topicInUrl) ? topicInUrl : OTHER_TOPIC);
  const [otherTopic, setOtherTopic] = useState(isCuratedTopic(topicInUrl) ? "" : topicInUrl);
  const [language, setLanguage] = useState(search.get("language") ?? "");
  const [day, setDay] = useState(search.get("day") ?? "");
  const [timeOfDay, setTimeOfDay] = useState(search.get("timeOfDay") ?? "");
  const topics = [...CURATED_TOPICS]
    .map((id) => ({ id, name: t(`topics.names.${id}`) }))
    .sort((a, b) => a.name.localeCompare(b.name, intlLocale()));

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    const params = new URLSearchParams();
    const chosenTopic = topic === OTHER_TOPIC ? otherTopic.trim().toLowerCase() : topic;
    if (chosenTopic) params.set("topic", chosenTopic);
    if (language.trim()) params.set("language", language.trim());
    if (day) params.set("day", day);
    if (timeOfDay) params.set("timeOfDay", timeOfDay);
    navigate(`/sessions${params.size ? `?${params}` : ""}`);
  }

  return (
    <form className="filters" onSubmit={onSubmit} aria-label={t("sessions.filterLabel")}>
      <label>
        {t("sessions.topic")}
        <select value={topic} onChange={(e) => setTopic(e.target.value)}>
          <option value="">{t("topics.browse.anyTopic")}</option>
          {topics.map(({ id, name }) => <option key={id} value={id}>{name}</option>)}
          <option value={OTHER_TOPIC}>{t("topics.browse.otherTopic")}</option>
        </select>
      </label>
      {topic === OTHER_TOPIC && (
        <label>
          {t("topics.browse.otherTopicLabel")}
          <input value={otherTopic} onChange={(e) => setOtherTopic(e.target.value)} placeholder={t("sessions.topicPlaceholder")} />
        </label>
      )}
      <label>
        {t("sessions.language")}
        <input value={language} onChange={(e) => setLanguage(e.target.value)} placeholder={t("sessions.languagePlaceholder")} size={6} list="filter-languages" />
        <datalist id="filter-languages">
          {SUGGESTED_LANGUAGES.map((code) => <option key={code} value={code}>{languageName(code)}</option>)}
        </datalist>
      </label>
      <label>{t("sessions.day")} <input type="date" value={day} onChange={(e) => setDay(e.target.value)} /></label>
      <label>
        {t("topics.browse.timeOfDay")}
        <select value={timeOfDay} onChange={(e) => setTimeOfDay(e.target.value)}>
          <option value="">{t("topics.browse.anyTime")}</option>
          {(Object.keys(TIMES_OF_DAY) as TimeOfDay[]).map((part) => <option key={part} value={part}>{timeOfDayText(part, t)}</option>)}
        </select>
      </label>
      <button type="submit">{t("sessions.filter")}</button>
    </form>
  );
}
