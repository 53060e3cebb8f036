import { useState } from "react";
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
    if (!confirm("Delete every registration and notification subscription made from this browser? Places you hold go to the waitlist.")) return;
    try {
      await api("/api/me", { method: "DELETE", participantKey: participantKey() });
      await forgetNotifications();
      dropParticipantKey();
      setMessage("Done. Hearth no longer holds anything tied to this browser.");
      resource.reload();
    } catch (e) {
      setError(errorText(e));
    }
  }

  const active = data?.registrations.filter((r) => r.status !== "cancelled") ?? [];
  return (
    <main className="page">
      <p><Link to="/sessions">← Upcoming sessions</Link></p>
      <h1>My registrations</h1>
      <p className="muted">Kept on this device only: Hearth knows you by a random key stored in this browser, never by name or email.</p>
      {(error ?? resource.error) && <p role="alert" className="error">{error ?? resource.error}</p>}
      {message && <p role="status">{message}</p>}
      {data && active.length === 0 && <p>You have no registrations on this device.</p>}
      <ul className="session-list">
        {active.map((r) => (
          <li key={r.id} className="session-card">
            {r.session ? <Link to={`/sessions/${r.sessionId}`}><strong>{r.session.circle.title}</strong></Link> : <strong>A session</strong>}
            {r.session && <span>{formatWhen(r.session.start)}</span>}
            <span className="muted">
              as {r.pseudonym} · {r.status === "registered" ? "registered" : `waitlist #${r.waitlistPosition}`}
              {r.session?.status === "cancelled" ? " · session cancelled" : ""}
            </span>
          </li>
        ))}
      </ul>
      {data && hasParticipantKey() && <CalendarFeed />}
      {active.length > 0 && <NotificationSettings />}
      <div className="row">
        <button type="button" onClick={exportData}>Export my data</button>
        <button type="button" className="danger" onClick={forgetMe}>Forget me</button>
      </div>
    </main>
  );
}
