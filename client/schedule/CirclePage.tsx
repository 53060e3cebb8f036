import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import type { PublicCircle, SessionsResponse } from "../../shared/scheduling-api.ts";
import { Link, useLocation } from "../routing.ts";
import { api, errorText } from "./api.ts";
import { SessionCard } from "./SessionCard.tsx";
import { TopicTags } from "./TopicTags.tsx";
import "./schedule.css";

/** A circle and its coming sessions; an invite-only circle's invite link lands here. */
export default function CirclePage({ circleId }: { circleId: string }) {
  const { t } = useTranslation();
  const { search } = useLocation();
  const invite = search.get("invite");
  const [data, setData] = useState<(SessionsResponse & { circle: PublicCircle }) | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    api<SessionsResponse & { circle: PublicCircle }>(`/api/circles/${encodeURIComponent(circleId)}${invite ? `?invite=${encodeURIComponent(invite)}` : ""}`)
      .then((body) => live && setData(body))
      .catch((e: unknown) => live && setError(errorText(e)));
    return () => {
      live = false;
    };
  }, [circleId, invite]);

  if (error) return <main className="page"><p role="alert" className="error">{error}</p></main>;
  if (!data) return <main className="page"><p>{t("common.loading")}</p></main>;
  const { circle } = data;
  return (
    <main className="page">
      <p><Link to="/sessions">{t("sessions.backToUpcoming")}</Link></p>
      <h1>{circle.title}</h1>
      {circle.description && <p>{circle.description}</p>}
      <TopicTags circle={circle} />
      <p className="muted">{t("sessions.circleLanguage", { language: circle.language })}</p>
      <h2>{t("sessions.coming")}</h2>
      {data.sessions.length === 0 && <p>{t("sessions.noneScheduled")}</p>}
      <ul className="session-list">
        {data.sessions.map((s) => <SessionCard key={s.id} session={s} invite={invite} />)}
      </ul>
      <p>
        <a href={`/api/circles/${circle.id}/calendar.ics${invite ? `?invite=${encodeURIComponent(invite)}` : ""}`}>{t("sessions.subscribeCircle")}</a>
      </p>
    </main>
  );
}
