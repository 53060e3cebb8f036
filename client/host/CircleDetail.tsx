import { useState } from "react";
import type { HostCircle, SeriesView } from "../../shared/scheduling-api.ts";
import { Link } from "../routing.ts";
import { api, errorText } from "../schedule/api.ts";
import { useResource } from "../schedule/useResource.ts";
import { AuditLog } from "./AuditLog.tsx";
import { CircleBans } from "./CircleBans.tsx";
import { CircleEditor } from "./CircleEditor.tsx";
import { InviteFacilitator } from "./InviteFacilitator.tsx";
import { ReferralEditor } from "./ReferralEditor.tsx";
import { ScheduleEditor } from "./ScheduleEditor.tsx";
import { SessionsList } from "./SessionsList.tsx";

const REPEAT_TEXT: Record<SeriesView["repeat"], string> = {
  once: "once",
  weekly: "every week",
  biweekly: "every two weeks",
  monthly: "every month",
  custom: "custom rule",
};

/** The participants' invite link, ready to copy. */
function InviteLink({ url }: { url: string }) {
  return (
    <div className="copy">
      <input readOnly value={url} aria-label="Invite link for participants" onFocus={(e) => e.target.select()} />
      <button type="button" onClick={() => void navigator.clipboard?.writeText(url)}>Copy</button>
    </div>
  );
}

/** One circle: its details, schedules, coming sessions, invite links, bans and audit log. */
export function CircleDetail({ circleId }: { circleId: string }) {
  const resource = useResource(circleId, () => api<{ circle: HostCircle; series: SeriesView[]; inviteUrl: string | null }>(`/api/host/circles/${circleId}`));
  const data = resource.data;
  const [actionError, setError] = useState<string | null>(null);
  const error = actionError ?? resource.error;
  const [editing, setEditing] = useState<string | null>(null);
  const [version, setVersion] = useState(0);
  const load = resource.reload;

  const saved = () => {
    setEditing(null);
    setVersion((v) => v + 1);
    load();
  };

  async function deleteSeries(id: string) {
    if (!confirm("Delete this schedule and all its sessions?")) return;
    try {
      await api(`/api/host/series/${id}`, { method: "DELETE" });
      saved();
    } catch (e) {
      setError(errorText(e));
    }
  }

  if (error && !data) return <p role="alert" className="error">{error}</p>;
  if (!data) return <p>Loading…</p>;
  const { circle } = data;
  return (
    <>
      <p><Link to="/host">← Your circles</Link></p>
      <h1>{circle.title}</h1>
      {error && <p role="alert" className="error">{error}</p>}
      {circle.visibility === "invite" && data.inviteUrl && <InviteLink url={data.inviteUrl} />}

      <section aria-labelledby="schedules-heading">
        <h2 id="schedules-heading">Schedules</h2>
        <ul className="session-list">
          {data.series.map((s) => (
            <li key={s.id} className="session-card">
              <strong>
                {REPEAT_TEXT[s.repeat]} from {s.startDate} at {s.startTime} ({s.timeZone})
              </strong>
              <span className="muted">
                {s.durationMinutes} min · lobby opens {s.lobbyOpenMinutes} min before{s.endDate ? ` · until ${s.endDate}` : ""}
                {s.repeat === "custom" && s.rrule ? ` · ${s.rrule}` : ""}
              </span>
              <span className="actions">
                <button type="button" onClick={() => setEditing(editing === s.id ? null : s.id)}>Edit</button>
                <button type="button" className="danger" onClick={() => deleteSeries(s.id)}>Delete</button>
              </span>
              {editing === s.id && <ScheduleEditor circleId={circle.id} series={s} onSaved={saved} />}
            </li>
          ))}
        </ul>
        {editing === "new" ? (
          <ScheduleEditor circleId={circle.id} onSaved={saved} />
        ) : (
          <button type="button" onClick={() => setEditing("new")}>Schedule sessions</button>
        )}
      </section>

      <SessionsList circleId={circle.id} version={version} />

      <details>
        <summary>Edit circle details</summary>
        <CircleEditor circle={circle} onSaved={saved} />
      </details>
      <InviteFacilitator circleId={circle.id} />
      <details>
        <summary>Referral directory (counselling hand-off)</summary>
        <ReferralEditor path={`/api/host/circles/${circle.id}/referrals`} title="Services for this circle" />
        <ReferralEditor path="/api/host/referrals" title="Services for all your circles" />
      </details>
      <CircleBans circleId={circle.id} onChanged={() => setVersion((v) => v + 1)} />
      <AuditLog circleId={circle.id} key={version} />
    </>
  );
}
