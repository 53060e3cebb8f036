import { type FormEvent, useCallback, useState } from "react";
import { PSEUDONYM_MAX_LENGTH } from "../../shared/limits.ts";
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
import { usePolling, useResource } from "./useResource.ts";
import { useServerClock } from "./useServerClock.ts";
import "./schedule.css";

/** A session: when, what, countdown to the lobby, registration or waitlist, the join button, calendars. */
export default function SessionPage({ sessionId }: { sessionId: string }) {
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
        <p><Link to="/sessions">← Upcoming sessions</Link></p>
        <p role="alert" className="error">{loadError}</p>
      </main>
    );
  }
  if (!data) return <main className="page"><p>Loading…</p></main>;

  const { session, calendar } = data;
  const lobbyOpens = new Date(session.lobbyOpensAt).getTime();
  const ended = now >= new Date(session.end).getTime();
  const lobbyOpen = now >= lobbyOpens && !ended;
  const cancelled = session.status === "cancelled";

  return (
    <main className="page session-page">
      <p><Link to="/sessions">← Upcoming sessions</Link></p>
      <h1>{session.circle.title}</h1>
      <p className="when">
        {formatWhen(session.start)} – {formatTime(session.end)}
        <span className="muted"> (planned as {formatTime(session.start, session.timeZone)} {session.timeZone})</span>
      </p>
      {session.moved && <p className="notice">This session was moved from its usual time.</p>}

      <SessionStatus cancelled={cancelled} ended={ended} lobbyOpen={lobbyOpen} opensIn={lobbyOpens - now} />

      {!cancelled && !ended && (
        mine ? (
          <Registered registration={mine} session={data} lobbyOpen={lobbyOpen} onChange={load} />
        ) : (
          <RegisterForm data={data} invite={invite} onRegistered={load} />
        )
      )}

      <AboutCircle session={session} calendar={calendar} />
      <p className="muted crisis">Hearth is peer support, not a crisis service. If you are in danger, call your local emergency number.</p>
    </main>
  );
}

function SessionStatus({ cancelled, ended, lobbyOpen, opensIn }: { cancelled: boolean; ended: boolean; lobbyOpen: boolean; opensIn: number }) {
  return (
    cancelled ? (
      <p className="status cancelled" role="status">This session was cancelled.</p>
    ) : ended ? (
      <p className="status" role="status">This session has ended.</p>
    ) : lobbyOpen ? (
      <p className="status open" role="status">The lobby is open.</p>
    ) : (
      <p className="status" role="status" data-testid="countdown">
        The lobby opens in <strong>{formatCountdown(opensIn)}</strong>
      </p>
    )
  );
}

/** What the circle is about, its own agreements, and the calendar links. */
function AboutCircle({ session, calendar }: Pick<SessionResponse, "session" | "calendar">) {
  return (
    <>
      <section aria-labelledby="about-heading">
        <h2 id="about-heading">About this circle</h2>
        {session.circle.description && <p>{session.circle.description}</p>}
        <p className="muted">
          {session.circle.topicTags.map((t) => `#${t}`).join(" ")} · language: {session.circle.language} · {session.circle.capacity} places
        </p>
        {session.circle.agreements && (
          <>
            <h3>Community agreements</h3>
            <p className="agreements">{session.circle.agreements}</p>
          </>
        )}
      </section>

      <p className="calendar-links">
        <a href={calendar.session} download>Add this session to my calendar</a> ·{" "}
        <a href={calendar.circle}>Subscribe to this circle's calendar</a>
      </p>
    </>
  );
}

function RegisterForm({ data, invite, onRegistered }: { data: SessionResponse; invite: string | null; onRegistered: () => void }) {
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
      <h2 id="register-heading">{full ? "Join the waitlist" : "Register"}</h2>
      <p className="muted">
        {full
          ? `All ${data.session.circle.capacity} places are taken. If someone cancels, the first on the waitlist gets their place automatically.`
          : `${data.session.placesLeft} of ${data.session.circle.capacity} places left. No account or email needed.`}
      </p>
      <label htmlFor="register-pseudonym">Pseudonym for this session (never your real name)</label>
      <div className="row">
        <input
          id="register-pseudonym"
          value={pseudonym}
          maxLength={PSEUDONYM_MAX_LENGTH * 2}
          autoComplete="off"
          onChange={(e) => setPseudonym(e.target.value)}
          aria-invalid={!check.ok || Boolean(fieldError)}
        />
        <button type="button" onClick={() => setPseudonym(suggestPseudonym())}>Suggest another</button>
      </div>
      {!check.ok && <p className="error">{check.reason}</p>}
      {fieldError && <p className="error">{fieldError}</p>}
      {error && !fieldError && <p role="alert" className="error">{error}</p>}
      <button type="submit" className="primary" disabled={!check.ok || busy}>
        {full ? "Join the waitlist" : "Register"}
      </button>
    </form>
  );
}

function Registered({ registration, session, lobbyOpen, onChange }: { registration: RegistrationView; session: SessionResponse; lobbyOpen: boolean; onChange: () => void }) {
  const status = useConnection((s) => s.status);
  const joinError = useConnection((s) => s.error);
  const [error, setError] = useState<string | null>(null);

  async function cancel() {
    if (!confirm("Cancel your registration for this session?")) return;
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
        {registration.status === "registered" ? `You're registered as ${registration.pseudonym}` : `You're on the waitlist as ${registration.pseudonym}`}
      </h2>
      {registration.status === "waitlisted" && (
        <p>You are number {registration.waitlistPosition} on the waitlist. This page updates itself when a place frees up.</p>
      )}
      {registration.status === "registered" && (
        <>
          <button type="button" className="primary" disabled={!lobbyOpen || status === "joining"} onClick={join}>
            {status === "joining" ? "Entering…" : "Join the circle"}
          </button>
          {!lobbyOpen && <p className="muted">The join button works from the moment the lobby opens.</p>}
          <p className="muted">Keep this page's address: it is your join link on this device.</p>
        </>
      )}
      {joinError && <p role="alert" className="error">{joinError}</p>}
      {error && <p role="alert" className="error">{error}</p>}
      <button type="button" onClick={cancel}>{registration.status === "registered" ? "Cancel my registration" : "Leave the waitlist"}</button>
      <NotificationSettings />
    </section>
  );
}
