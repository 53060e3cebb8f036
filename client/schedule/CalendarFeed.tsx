import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import type { CalendarFeedResponse, CalendarFeedStatus } from "../../shared/scheduling-api.ts";
import { intlLocale } from "../i18n/index.ts";
import { api, errorText } from "./api.ts";
import { hasParticipantKey, participantKey } from "./participant-key.ts";

/**
 * A private calendar feed of this browser's registrations. Its URL is shown once, when made (the
 * server keeps only a hash); making a new one or revoking stops the old one at once.
 */
export function CalendarFeed() {
  const { t } = useTranslation();
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
      <h2 id="calendar-feed-title">{t("schedulePages.myCalendar")}</h2>
      <p className="muted">{t("schedulePages.calendarIntro")}</p>
      {error && <p role="alert" className="error">{error}</p>}
      {url && (
        <p>
          <label>
            {t("schedulePages.calendarLinkLabel")}
            <input type="text" readOnly value={url.url} onFocus={(e) => e.currentTarget.select()} />
          </label>
          <a href={url.webcalUrl}>{t("schedulePages.openInCalendarApp")}</a>
        </p>
      )}
      {status && !url && <p>{t("schedulePages.calendarLinkMade", { date: new Date(status.createdAt).toLocaleDateString(intlLocale()) })}</p>}
      <div className="row">
        <button type="button" onClick={make} disabled={!hasParticipantKey()}>{status ? t("schedulePages.makeNewCalendarLink") : t("schedulePages.getCalendarLink")}</button>
        {status && <button type="button" className="danger" onClick={revoke}>{t("schedulePages.revokeLink")}</button>}
      </div>
    </section>
  );
}
