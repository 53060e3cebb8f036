import { useState } from "react";
import { useTranslation } from "react-i18next";
import { CIRCLE_CAPACITY_MAX, CIRCLE_CAPACITY_MIN } from "../../shared/limits.ts";
import type { HostSession } from "../../shared/scheduling-api.ts";
import { Link } from "../routing.ts";
import { api, errorText } from "../schedule/api.ts";
import { formatWhen } from "../schedule/time.ts";
import { useResource } from "../schedule/useResource.ts";
import { ScheduleEditor } from "./ScheduleEditor.tsx";

/** Coming sessions with attendance counts; skip, move, cancel or restore one, set its places, or change it and the following ones. */
export function SessionsList({ circleId, version }: { circleId: string; version: number }) {
  const { t } = useTranslation();
  const statusLabels: Record<HostSession["status"], string> = {
    scheduled: t("hostPages.sessions.statusScheduled"),
    skipped: t("hostPages.sessions.statusSkipped"),
    cancelled: t("hostPages.sessions.statusCancelled"),
  };
  const resource = useResource(`${circleId}|${version}`, () => api<{ sessions: HostSession[] }>(`/api/host/circles/${circleId}/sessions?days=120`));
  const sessions = resource.data?.sessions;
  const [actionError, setError] = useState<string | null>(null);
  const error = actionError ?? resource.error;
  const [moving, setMoving] = useState<{ id: string; value: string } | null>(null);
  const [splitting, setSplitting] = useState<string | null>(null);

  function askCapacity(s: HostSession) {
    const answer = prompt(
      t("hostPages.sessions.placesPrompt", { min: CIRCLE_CAPACITY_MIN, max: CIRCLE_CAPACITY_MAX, circleCapacity: s.circle.capacity }),
      String(s.capacity),
    );
    if (answer === null) return;
    void change(s.id, { action: "capacity", capacity: answer.trim() === "" ? null : Number(answer) });
  }

  async function change(id: string, body: Record<string, unknown>) {
    try {
      await api(`/api/host/sessions/${id}`, { method: "PATCH", body });
      setError(null);
      setMoving(null);
      resource.reload();
    } catch (e) {
      setError(errorText(e));
    }
  }

  return (
    <section aria-labelledby="sessions-heading">
      <h2 id="sessions-heading">{t("hostPages.sessions.heading")}</h2>
      {error && <p role="alert" className="error">{error}</p>}
      {sessions?.length === 0 && <p className="muted">{t("hostPages.sessions.none")}</p>}
      <table className="table">
        <SessionsHead />
        <tbody>
          {sessions?.map((s) => (
            <tr key={s.id} data-session-id={s.id}>
              <td>
                <Link to={`/sessions/${s.id}`}>{formatWhen(s.start)}</Link>
                {s.moved && <span className="muted"> {t("hostPages.sessions.moved")}</span>}
              </td>
              <td>{s.counts.registered} / {s.capacity}</td>
              <td>{s.counts.waitlisted}</td>
              <td>{statusLabels[s.status]}</td>
              <td className="actions">
                <SessionActions
                  session={s}
                  change={(body) => void change(s.id, body)}
                  onMove={() => setMoving({ id: s.id, value: localInputValue(s.start) })}
                  onPlaces={() => askCapacity(s)}
                  onSplit={() => setSplitting(splitting === s.id ? null : s.id)}
                />
                {splitting === s.id && (
                  <ScheduleEditor
                    circleId={circleId}
                    splitFrom={{ sessionId: s.id, startDate: localInputValue(s.start).slice(0, 10) }}
                    onSaved={() => {
                      setSplitting(null);
                      resource.reload();
                    }}
                  />
                )}
                {moving?.id === s.id && (
                  <form
                    className="row"
                    onSubmit={(e) => {
                      e.preventDefault();
                      void change(s.id, { action: "move", start: new Date(moving.value).toISOString() });
                    }}
                  >
                    <input type="datetime-local" aria-label={t("hostPages.sessions.newStart")} value={moving.value} onChange={(e) => setMoving({ id: s.id, value: e.target.value })} />
                    <button type="submit">{t("hostPages.sessions.moveHere")}</button>
                  </form>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

function SessionsHead() {
  const { t } = useTranslation();
  return (
    <thead>
      <tr>
        <th>{t("hostPages.sessions.whenYourTime")}</th>
        <th>{t("hostPages.sessions.registered")}</th>
        <th>{t("hostPages.sessions.waitlist")}</th>
        <th>{t("hostPages.sessions.status")}</th>
        <th />
      </tr>
    </thead>
  );
}

/** A session's buttons: skip, move, places, split or cancel while scheduled; restore otherwise. */
function SessionActions({ session: s, change, onMove, onPlaces, onSplit }: {
  session: HostSession;
  change: (body: Record<string, unknown>) => void;
  onMove: () => void;
  onPlaces: () => void;
  onSplit: () => void;
}) {
  const { t } = useTranslation();
  if (s.status !== "scheduled") return <button type="button" onClick={() => change({ action: "restore" })}>{t("hostPages.sessions.restore")}</button>;
  return (
    <>
      <button type="button" onClick={() => change({ action: "skip" })}>{t("hostPages.sessions.skip")}</button>{" "}
      <button type="button" onClick={onMove}>{t("hostPages.sessions.move")}</button>{" "}
      <button type="button" onClick={onPlaces}>{t("hostPages.sessions.places")}</button>{" "}
      {s.recurring && <button type="button" onClick={onSplit}>{t("hostPages.sessions.thisAndFollowing")}</button>}{" "}
      <button type="button" className="danger" onClick={() => confirm(t("hostPages.sessions.confirmCancel")) && change({ action: "cancel" })}>
        {t("hostPages.sessions.cancel")}
      </button>
    </>
  );
}

/** An instant as a datetime-local value in the viewer's zone ("2026-03-05T19:00"). */
function localInputValue(iso: string): string {
  const d = new Date(iso);
  return new Date(d.getTime() - d.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
}
