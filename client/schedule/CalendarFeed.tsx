import { useEffect, useState } from "react";
import type { CalendarFeedResponse, CalendarFeedStatus } from "../../shared/scheduling-api.ts";
import { api, errorText } from "./api.ts";
import { hasParticipantKey, participantKey } from "./participant-key.ts";

/**
 * A private calendar feed of this browser's registrations. Its URL is shown once, when made (the
 * server keeps only a hash); making a new one or revoking stops the old one at once.
 */
export function CalendarFeed() {
  const [status, setStatus] = useState<CalendarFeedStatus["feed"] | undefined>(() => (hasParticipantKey() ? undefined : null));
  const [url, setUrl] = useState<CalendarFeedResponse | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (!hasParticipantKey()) return;
    api<CalendarFeedStatus>("/api/me/calendar-feed", { participantKey: participantKey() })
      .then((body) => setStatus(body.feed))
      .catch((e: unknown) => setError(errorText(e)));
  }, []);

  async function make() {
    setError(null);
    try {
      const made = await api<CalendarFeedResponse>("/api/me/calendar-feed", { method: "POST", participantKey: participantKey() });
      setUrl(made);
      setStatus({ createdAt: made.createdAt });
    } catch (e) {
      setError(errorText(e));
    }
  }

  async function revoke() {
    setError(null);
    try {
      await api("/api/me/calendar-feed", { method: "DELETE", participantKey: participantKey() });
      setUrl(null);
      setStatus(null);
    } catch (e) {
      setError(errorText(e));
    }
  }

  return (
    <section className="calendar-feed" aria-labelledby="calendar-feed-title">
      <h2 id="calendar-feed-title">My calendar</h2>
      <p className="muted">
        A private link your calendar app can subscribe to: your sessions, with the waitlist marked. Anyone with the link sees them, so keep it to yourself.
      </p>
      {error && <p role="alert" className="error">{error}</p>}
      {url && (
        <p>
          <label>
            Your calendar link (shown once)
            <input type="text" readOnly value={url.url} onFocus={(e) => e.currentTarget.select()} />
          </label>
          <a href={url.webcalUrl}>Open in my calendar app</a>
        </p>
      )}
      {status && !url && <p>You have a calendar link made {new Date(status.createdAt).toLocaleDateString()}. Make a new one to see it again (the old one stops working).</p>}
      <div className="row">
        <button type="button" onClick={make} disabled={!hasParticipantKey()}>{status ? "Make a new calendar link" : "Get my calendar link"}</button>
        {status && <button type="button" className="danger" onClick={revoke}>Revoke the link</button>}
      </div>
    </section>
  );
}
