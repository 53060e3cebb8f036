import { type FormEvent, useCallback, useState } from "react";
import { Trans, useTranslation } from "react-i18next";
import { PSEUDONYM_MAX_LENGTH } from "../../shared/limits.ts";
import { pseudonymReason } from "../i18n/pseudonym-reason.ts";
import { checkPseudonym, suggestPseudonym } from "../../shared/pseudonym.ts";
import type { MyRegistrationsResponse, RegistrationResponse, RegistrationView, SessionResponse } from "../../shared/scheduling-api.ts";
import { enterCircle } from "../circle/enter-circle.ts";
import { useConnection } from "../net/useConnection.ts";
import { Link, useLocation } from "../routing.ts";
import { api, ApiError, errorText } from "./api.ts";
import { NotificationSettings } from "./NotificationSettings.tsx";
import { hasParticipantKey, participantKey } from "./participant-key.ts";
import { preferredAvatarStyle, preferredColor, preferredPseudonym } from "./preferences.ts";
import { formatCountdown, formatTime, formatWhen } from "./time.ts";
import { TopicTags } from "./TopicTags.tsx";
import { usePolling, useResource } from "./useResource.ts";
import { useServerClock } from "./useServerClock.ts";
import "./schedule.css";

/** A session: when, what, countdown to the lobby, registration or waitlist, the join button, calendars. */
export default function SessionPage({ sessionId }: { sessionId: string }) {
  const { t } = useTranslation();
  const { search } = useLocation();
  const invite = search.get("invite");
  const key = `${sessionId}|${invite ?? ""}`;
  const sessionResource = useResource(key, () =>
    api<SessionResponse>(`/api/sessions/${encodeURIComponent(sessionId)}${invite ? `?invite=${encodeURIComponent(invite)}` : ""}`),
  );
  const mineResource = useResource(key, async () => {
    if (!hasParticipantKey()) return null;
    const body = await api<MyRegistrationsResponse>("/api/me/registrations", { participantKey: participantKey() });
    return body.registrations.find((r) => r.sessionId === sessionId && r.status !== "cancelled") ?? null;
  });
  const { reload: reloadSession } = sessionResource;
  const { reload: reloadMine } = mineResource;
  const load = useCallback(() => {
    reloadSession();
    reloadMine();
  }, [reloadSession, reloadMine]);
  usePolling(load, 30_000);
  const data = sessionResource.data;
  const loadError = sessionResource.error;
  const mine = mineResource.data ?? null;
  const now = useServerClock(data?.serverNow, sessionResource.receivedAt);

  if (loadError && !data) {
    return (
      <main className="page">
        <p><Link to="/sessions">{t("sessions.backToUpcoming")}</Link></p>
        <p role="alert" className="error">{loadError}</p>
      </main>
    );
  }
  if (!data) return <main className="page"><p>{t("common.loading")}</p></main>;

  const { session, calendar } = data;
  const lobbyOpens = new Date(session.lobbyOpensAt).getTime();
  const ended = now >= new Date(session.end).getTime();
  const lobbyOpen = now >= lobbyOpens && !ended;
  const cancelled = session.status === "cancelled";

  return (
    <main className="page session-page">
      <p><Link to="/sessions">{t("sessions.backToUpcoming")}</Link></p>
      <h1>{session.circle.title}</h1>
      <p className="when">
        {formatWhen(session.start)} – {formatTime(session.end)}
        <span className="muted"> {t("schedulePages.plannedAs", { time: formatTime(session.start, session.timeZone), zone: session.timeZone })}</span>
      </p>
      {session.moved && <p className="notice">{t("schedulePages.moved")}</p>}

      <SessionStatus cancelled={cancelled} ended={ended} lobbyOpen={lobbyOpen} opensIn={lobbyOpens - now} />

      {!cancelled && !ended && (
        mine ? (
          <Registered registration={mine} session={data} lobbyOpen={lobbyOpen} onChange={load} />
        ) : (
          <RegisterForm data={data} invite={invite} onRegistered={load} />
        )
      )}

      <AboutCircle session={session} calendar={calendar} />
      <p className="muted crisis">{t("schedulePages.notACrisisService")}</p>
    </main>
  );
}


function SessionStatus({ cancelled, ended, lobbyOpen, opensIn }: { cancelled: boolean; ended: boolean; lobbyOpen: boolean; opensIn: number }) {
  const { t } = useTranslation();
  return (
    cancelled ? (
      <p className="status cancelled" role="status">{t("schedulePages.statusCancelled")}</p>
    ) : ended ? (
      <p className="status" role="status">{t("schedulePages.statusEnded")}</p>
    ) : lobbyOpen ? (
      <p className="status open" role="status">{t("schedulePages.lobbyOpen")}</p>
    ) : (
      <p className="status" role="status" data-testid="countdown">
        <Trans t={t} i18nKey="schedulePages.lobbyOpensIn" values={{ countdown: formatCountdown(opensIn, t) }} components={{ strong: <strong /> }} />
      </p>
    )
  );
}

/** What the circle is about, its own agreements, and the calendar links. */
function AboutCircle({ session, calendar }: Pick<SessionResponse, "session" | "calendar">) {
  const { t } = useTranslation();
  return (
    <>
      <section aria-labelledby="about-heading">
        <h2 id="about-heading">{t("schedulePages.aboutCircle")}</h2>
        {session.circle.description && <p>{session.circle.description}</p>}
        <TopicTags circle={session.circle} />
        <p className="muted">
          {t("schedulePages.circleLanguage", { language: session.circle.language })} · {t("schedulePages.places", { count: session.circle.capacity })}
        </p>
        {session.circle.agreements && (
          <>
            <h3>{t("schedulePages.communityAgreements")}</h3>
            <p className="agreements">{session.circle.agreements}</p>
          </>
        )}
      </section>

      <p className="calendar-links">
        <a href={calendar.session} download>{t("schedulePages.addSessionToCalendar")}</a> ·{" "}
        <a href={calendar.circle}>{t("sessions.subscribeCircle")}</a>
      </p>
    </>
  );
}

function RegisterForm({ data, invite, onRegistered }: { data: SessionResponse; invite: string | null; onRegistered: () => void }) {
  const { t } = useTranslation();
  const [pseudonym, setPseudonym] = useState(() => preferredPseudonym() || suggestPseudonym());
  const [error, setError] = useState<string | null>(null);
  const [fieldError, setFieldError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const check = checkPseudonym(pseudonym);
  const full = data.session.placesLeft === 0;

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    if (!check.ok) return;
    setBusy(true);
    setError(null);
    setFieldError(null);
    try {
      await api<RegistrationResponse>(`/api/sessions/${encodeURIComponent(data.session.id)}/registrations`, {
        method: "POST",
        body: { pseudonym: check.value, ...(invite ? { invite } : {}) },
        participantKey: participantKey(),
      });
      onRegistered();
    } catch (e) {
      setError(errorText(e));
      if (e instanceof ApiError && e.fields.pseudonym) setFieldError(e.fields.pseudonym);
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="register" onSubmit={onSubmit} aria-labelledby="register-heading">
      <h2 id="register-heading">{full ? t("schedulePages.joinWaitlist") : t("schedulePages.register")}</h2>
      <p className="muted">
        {full
          ? t("schedulePages.allPlacesTaken", { count: data.session.circle.capacity })
          : t("schedulePages.placesLeftOf", { count: data.session.placesLeft, capacity: data.session.circle.capacity })}
      </p>
      <label htmlFor="register-pseudonym">{t("schedulePages.pseudonymLabel")}</label>
      <div className="row">
        <input
          id="register-pseudonym"
          value={pseudonym}
          maxLength={PSEUDONYM_MAX_LENGTH * 2}
          autoComplete="off"
          onChange={(e) => setPseudonym(e.target.value)}
          aria-invalid={!check.ok || Boolean(fieldError)}
        />
        <button type="button" onClick={() => setPseudonym(suggestPseudonym())}>{t("lobby.suggestAnother")}</button>
      </div>
      {!check.ok && <p className="error">{pseudonymReason(check.reason, t)}</p>}
      {fieldError && <p className="error">{fieldError}</p>}
      {error && !fieldError && <p role="alert" className="error">{error}</p>}
      <button type="submit" className="primary" disabled={!check.ok || busy}>
        {full ? t("schedulePages.joinWaitlist") : t("schedulePages.register")}
      </button>
    </form>
  );
}

function Registered({ registration, session, lobbyOpen, onChange }: { registration: RegistrationView; session: SessionResponse; lobbyOpen: boolean; onChange: () => void }) {
  const { t } = useTranslation();
  const status = useConnection((s) => s.status);
  const joinError = useConnection((s) => s.error);
  const [error, setError] = useState<string | null>(null);

  async function cancel() {
    if (!confirm(t("schedulePages.confirmCancel"))) return;
    try {
      await api(`/api/me/registrations/${registration.id}`, { method: "DELETE", participantKey: participantKey() });
      onChange();
    } catch (e) {
      setError(errorText(e));
    }
  }

  function join() {
    void enterCircle({
      circleId: session.session.circle.id,
      sessionId: session.session.id,
      participantKey: participantKey(),
      registrationId: registration.id,
      color: preferredColor(),
      avatarStyle: preferredAvatarStyle(),
    });
  }

  return (
    <section className="registered" aria-labelledby="registered-heading">
      <h2 id="registered-heading">
        {registration.status === "registered"
          ? t("schedulePages.registeredAs", { pseudonym: registration.pseudonym })
          : t("schedulePages.waitlistedAs", { pseudonym: registration.pseudonym })}
      </h2>
      {registration.status === "waitlisted" && (
        <p>{t("schedulePages.waitlistNumber", { position: registration.waitlistPosition })}</p>
      )}
      {registration.status === "registered" && (
        <>
          <button type="button" className="primary" disabled={!lobbyOpen || status === "joining"} onClick={join}>
            {status === "joining" ? t("lobby.entering") : t("schedulePages.joinCircle")}
          </button>
          {!lobbyOpen && <p className="muted">{t("schedulePages.joinWorksWhenOpen")}</p>}
          <p className="muted">{t("schedulePages.keepAddress")}</p>
        </>
      )}
      {joinError && <p role="alert" className="error">{joinError}</p>}
      {error && <p role="alert" className="error">{error}</p>}
      <button type="button" onClick={cancel}>{registration.status === "registered" ? t("schedulePages.cancelRegistration") : t("schedulePages.leaveWaitlist")}</button>
      <NotificationSettings />
    </section>
  );
}
