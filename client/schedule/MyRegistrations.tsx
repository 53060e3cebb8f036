import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { MyRegistrationsResponse } from "../../shared/scheduling-api.ts";
import { Link } from "../routing.ts";
import { api, errorText } from "./api.ts";
import { CalendarFeed } from "./CalendarFeed.tsx";
import { forgetNotifications } from "./notifications.ts";
import { NotificationSettings } from "./NotificationSettings.tsx";
import { dropParticipantKey, hasParticipantKey, participantKey } from "./participant-key.ts";
import { formatWhen } from "./time.ts";
import { useResource } from "./useResource.ts";
import "./schedule.css";

/** This browser's registrations, with "export my data" and "forget me". */
export default function MyRegistrations() {
  const { t } = useTranslation();
  const [error, setError] = useState<string | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const resource = useResource("mine", () =>
    hasParticipantKey()
      ? api<MyRegistrationsResponse>("/api/me/registrations", { participantKey: participantKey() })
      : Promise.resolve<MyRegistrationsResponse>({ registrations: [] }),
  );
  const data = resource.data;

  async function exportData() {
    try {
      const body = await api<unknown>("/api/me/export", { participantKey: participantKey() });
      const url = URL.createObjectURL(new Blob([JSON.stringify(body, null, 2)], { type: "application/json" }));
      const a = document.createElement("a");
      a.href = url;
      a.download = "hearth-my-data.json";
      a.click();
      URL.revokeObjectURL(url);
    } catch (e) {
      setError(errorText(e));
    }
  }

  async function forgetMe() {
    if (!confirm(t("schedulePages.confirmForget"))) return;
    try {
      await api("/api/me", { method: "DELETE", participantKey: participantKey() });
      await forgetNotifications();
      dropParticipantKey();
      setMessage(t("schedulePages.forgotten"));
      resource.reload();
    } catch (e) {
      setError(errorText(e));
    }
  }

  const active = data?.registrations.filter((r) => r.status !== "cancelled") ?? [];
  return (
    <main className="page">
      <p><Link to="/sessions">{t("sessions.backToUpcoming")}</Link></p>
      <h1>{t("sessions.myRegistrations")}</h1>
      <p className="muted">{t("schedulePages.keptOnDevice")}</p>
      {(error ?? resource.error) && <p role="alert" className="error">{error ?? resource.error}</p>}
      {message && <p role="status">{message}</p>}
      {data && active.length === 0 && <p>{t("schedulePages.noRegistrations")}</p>}
      <ul className="session-list">
        {active.map((r) => (
          <li key={r.id} className="session-card">
            {r.session ? <Link to={`/sessions/${r.sessionId}`}><strong>{r.session.circle.title}</strong></Link> : <strong>{t("schedulePages.aSession")}</strong>}
            {r.session && <span>{formatWhen(r.session.start)}</span>}
            <span className="muted">
              {r.status === "registered"
                ? t("schedulePages.asRegistered", { pseudonym: r.pseudonym })
                : t("schedulePages.asWaitlisted", { pseudonym: r.pseudonym, position: r.waitlistPosition })}
              {r.session?.status === "cancelled" ? ` · ${t("schedulePages.sessionCancelled")}` : ""}
            </span>
          </li>
        ))}
      </ul>
      {data && hasParticipantKey() && <CalendarFeed />}
      {active.length > 0 && <NotificationSettings />}
      <div className="row">
        <button type="button" onClick={exportData}>{t("schedulePages.exportData")}</button>
        <button type="button" className="danger" onClick={forgetMe}>{t("schedulePages.forgetMe")}</button>
      </div>
    </main>
  );
}
