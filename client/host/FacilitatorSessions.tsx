import { useTranslation } from "react-i18next";
import type { FacilitatorSession } from "../../shared/scheduling-api.ts";
import { enterCircle } from "../circle/enter-circle.ts";
import { useConnection } from "../net/useConnection.ts";
import { Link } from "../routing.ts";
import { api } from "../schedule/api.ts";
import { preferredColor } from "../schedule/preferences.ts";
import { formatWhen } from "../schedule/time.ts";
import { usePolling, useResource } from "../schedule/useResource.ts";
import { useServerClock } from "../schedule/useServerClock.ts";

/** The sessions this account facilitates, each with a join button (facilitator role) once its lobby opens. */
export function FacilitatorSessions() {
  const { t } = useTranslation();
  const resource = useResource("facilitate", () => api<{ sessions: FacilitatorSession[]; serverNow: string }>("/api/facilitate/sessions"));
  usePolling(resource.reload, 30_000);
  const { data, error } = resource;
  const joinError = useConnection((s) => s.error);
  const now = useServerClock(data?.serverNow, resource.receivedAt);

  return (
    <>
      <h1>{t("hostPages.facilitate.heading")}</h1>
      {error && <p role="alert" className="error">{error}</p>}
      {joinError && <p role="alert" className="error">{joinError}</p>}
      {data?.sessions.length === 0 && <p>{t("hostPages.facilitate.none")}</p>}
      <ul className="session-list">
        {data?.sessions.map((s) => {
          const open = now >= new Date(s.lobbyOpensAt).getTime() && now < new Date(s.end).getTime();
          return (
            <li key={s.id} className="session-card">
              <Link to={`/sessions/${s.id}`}><strong>{s.circle.title}</strong></Link>
              <span>{formatWhen(s.start)}</span>
              <span className="muted">
                {t("hostPages.facilitate.registered", { count: s.circle.capacity - s.placesLeft })} · {t("hostPages.facilitate.waiting", { count: s.waitlisted })}
                {s.status === "cancelled" ? ` · ${t("hostPages.facilitate.cancelled")}` : ""}
              </span>
              <span className="actions">
                <button
                  type="button"
                  className="primary"
                  disabled={!open || s.status !== "scheduled"}
                  onClick={() => void enterCircle({ circleId: s.circle.id, sessionId: s.id, color: preferredColor() })}
                >
                  {t("hostPages.facilitate.join")}
                </button>
                {!open && s.status === "scheduled" && <span className="muted">{t("hostPages.facilitate.opens", { when: formatWhen(s.lobbyOpensAt) })}</span>}
              </span>
            </li>
          );
        })}
      </ul>
    </>
  );
}
