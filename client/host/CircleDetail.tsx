import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { HostCircle, SeriesView } from "../../shared/scheduling-api.ts";
import { Link } from "../routing.ts";
import { api, errorText } from "../schedule/api.ts";
import { useResource } from "../schedule/useResource.ts";
import { AuditLog } from "./AuditLog.tsx";
import { CheckInChart } from "./CheckInChart.tsx";
import { CircleBans } from "./CircleBans.tsx";
import { CircleEditor } from "./CircleEditor.tsx";
import { InviteFacilitator } from "./InviteFacilitator.tsx";
import { ReferralEditor } from "./ReferralEditor.tsx";
import { ScheduleEditor } from "./ScheduleEditor.tsx";
import { SessionsList } from "./SessionsList.tsx";

/** The participants' invite link, ready to copy. */
function InviteLink({ url }: { url: string }) {
  const { t } = useTranslation();
  return (
    <div className="copy">
      <input readOnly value={url} aria-label={t("hostCircle.detail.inviteLinkLabel")} onFocus={(e) => e.target.select()} />
      <button type="button" onClick={() => void navigator.clipboard?.writeText(url)}>{t("hostCircle.detail.copy")}</button>
    </div>
  );
}

/** One schedule: when it repeats, how long its sessions last, and editing or deleting it. */
function SeriesCard({ series: s, editing, onEdit, onDelete, onSaved }: { series: SeriesView; editing: boolean; onEdit: () => void; onDelete: () => void; onSaved: () => void }) {
  const { t } = useTranslation();
  const repeatText: Record<SeriesView["repeat"], string> = {
    once: t("hostCircle.detail.repeatOnce"),
    weekly: t("hostCircle.detail.repeatWeekly"),
    biweekly: t("hostCircle.detail.repeatBiweekly"),
    monthly: t("hostCircle.detail.repeatMonthly"),
    custom: t("hostCircle.detail.repeatCustom"),
  };
  return (
    <li className="session-card">
      <strong>
        {t("hostCircle.detail.seriesWhen", { repeat: repeatText[s.repeat], startDate: s.startDate, startTime: s.startTime, timeZone: s.timeZone })}
      </strong>
      <span className="muted">
        {t("hostCircle.detail.seriesLength", { minutes: s.durationMinutes, lobbyMinutes: s.lobbyOpenMinutes })}
        {s.endDate ? t("hostCircle.detail.seriesUntil", { endDate: s.endDate }) : ""}
        {s.repeat === "custom" && s.rrule ? ` · ${s.rrule}` : ""}
      </span>
      <span className="actions">
        <button type="button" onClick={onEdit}>{t("hostCircle.detail.edit")}</button>
        <button type="button" className="danger" onClick={onDelete}>{t("hostCircle.detail.delete")}</button>
      </span>
      {editing && <ScheduleEditor circleId={s.circleId} series={s} onSaved={onSaved} />}
    </li>
  );
}

/** One circle: its details, schedules, coming sessions, check-in counts, invite links, bans and audit log. */
export function CircleDetail({ circleId }: { circleId: string }) {
  const { t } = useTranslation();
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
    if (!confirm(t("hostCircle.detail.confirmDeleteSeries"))) return;
    try {
      await api(`/api/host/series/${id}`, { method: "DELETE" });
      saved();
    } catch (e) {
      setError(errorText(e));
    }
  }

  if (error && !data) return <p role="alert" className="error">{error}</p>;
  if (!data) return <p>{t("common.loading")}</p>;
  const { circle } = data;
  return (
    <>
      <p><Link to="/host">{t("host.backToCircles")}</Link></p>
      <h1>{circle.title}</h1>
      {error && <p role="alert" className="error">{error}</p>}
      {circle.visibility === "invite" && data.inviteUrl && <InviteLink url={data.inviteUrl} />}

      <section aria-labelledby="schedules-heading">
        <h2 id="schedules-heading">{t("hostCircle.detail.schedules")}</h2>
        <ul className="session-list">
          {data.series.map((s) => (
            <SeriesCard
              key={s.id}
              series={s}
              editing={editing === s.id}
              onEdit={() => setEditing(editing === s.id ? null : s.id)}
              onDelete={() => void deleteSeries(s.id)}
              onSaved={saved}
            />
          ))}
        </ul>
        {editing === "new" ? (
          <ScheduleEditor circleId={circle.id} onSaved={saved} />
        ) : (
          <button type="button" onClick={() => setEditing("new")}>{t("hostCircle.detail.scheduleSessions")}</button>
        )}
      </section>

      <SessionsList circleId={circle.id} version={version} />

      <section aria-labelledby="checkins-heading">
        <h2 id="checkins-heading">{t("hostCircle.checkIns.heading")}</h2>
        <CheckInChart circleId={circle.id} />
      </section>

      <details>
        <summary>{t("hostCircle.detail.editDetails")}</summary>
        <CircleEditor circle={circle} onSaved={saved} />
      </details>
      <InviteFacilitator circleId={circle.id} />
      <details>
        <summary>{t("hostCircle.detail.referrals")}</summary>
        <ReferralEditor path={`/api/host/circles/${circle.id}/referrals`} title={t("hostCircle.detail.referralsThisCircle")} />
        <ReferralEditor path="/api/host/referrals" title={t("hostCircle.detail.referralsAllCircles")} />
      </details>
      <CircleBans circleId={circle.id} onChanged={() => setVersion((v) => v + 1)} />
      <AuditLog circleId={circle.id} key={version} />
    </>
  );
}
