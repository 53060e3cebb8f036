import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import type { SeriesView } from "../../shared/scheduling-api.ts";
import type { Repeat } from "../../shared/scheduling-schemas.ts";
import { api, ApiError, errorText } from "../schedule/api.ts";
import { timeZoneOptions, viewerTimeZone } from "../schedule/time.ts";
import { Field, type FieldErrors } from "./forms.tsx";

const today = () => new Date().toLocaleDateString("sv-SE"); // YYYY-MM-DD in the viewer's zone

function initialForm(series: SeriesView | undefined, splitFrom?: SplitFrom) {
  return {
    repeat: series?.repeat ?? ("weekly" as Repeat),
    rrule: series?.rrule ?? "",
    startDate: splitFrom?.startDate ?? series?.startDate ?? today(),
    startTime: series?.startTime ?? "19:00",
    timeZone: series?.timeZone ?? viewerTimeZone(),
    durationMinutes: String(series?.durationMinutes ?? 90),
    lobbyOpenMinutes: String(series?.lobbyOpenMinutes ?? 10),
    endDate: series?.endDate ?? "",
  };
}

function requestBody(form: ReturnType<typeof initialForm>) {
  return {
    repeat: form.repeat,
    ...(form.repeat === "custom" ? { rrule: form.rrule } : {}),
    startDate: form.startDate,
    startTime: form.startTime,
    timeZone: form.timeZone,
    durationMinutes: Number(form.durationMinutes),
    lobbyOpenMinutes: Number(form.lobbyOpenMinutes),
    ...(form.endDate && form.repeat !== "once" ? { endDate: form.endDate } : {}),
  };
}

/** "This and the following sessions" of a series, from this session on. */
interface SplitFrom {
  sessionId: string;
  startDate: string;
}

/**
 * Create or edit a schedule (series). Times are wall-clock times in the chosen zone. With
 * `splitFrom` it changes "this and the following sessions" of a series from that session on.
 */
export function ScheduleEditor({ circleId, series, splitFrom, onSaved }: { circleId: string; series?: SeriesView; splitFrom?: SplitFrom; onSaved: () => void }) {
  const { t } = useTranslation();
  const repeatLabels: Record<Repeat, string> = {
    once: t("hostPages.schedule.repeatOnce"),
    weekly: t("hostPages.schedule.repeatWeekly"),
    biweekly: t("hostPages.schedule.repeatBiweekly"),
    monthly: t("hostPages.schedule.repeatMonthly"),
    custom: t("hostPages.schedule.repeatCustom"),
  };
  const [form, setForm] = useState(() => initialForm(series, splitFrom));
  const [zones] = useState(timeZoneOptions);
  const [fields, setFields] = useState<FieldErrors>({});
  const [error, setError] = useState<string | null>(null);

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    setError(null);
    setFields({});
    const body = requestBody(form);
    try {
      if (splitFrom) await api(`/api/host/sessions/${splitFrom.sessionId}/split`, { method: "POST", body });
      else if (series) await api(`/api/host/series/${series.id}`, { method: "PATCH", body });
      else await api(`/api/host/circles/${circleId}/series`, { method: "POST", body });
      onSaved();
    } catch (e) {
      setError(errorText(e));
      if (e instanceof ApiError) setFields(e.fields);
    }
  }

  return (
    <form onSubmit={onSubmit} aria-label={series ? t("hostPages.schedule.editSchedule") : t("hostPages.schedule.newSchedule")}>
      <Field label={t("hostPages.schedule.repeats")} error={fields.repeat}>
        <select value={form.repeat} onChange={(e) => setForm({ ...form, repeat: e.target.value as Repeat })}>
          {Object.entries(repeatLabels).map(([value, label]) => <option key={value} value={value}>{label}</option>)}
        </select>
      </Field>
      {form.repeat === "custom" && (
        <Field label={t("hostPages.schedule.rule")} error={fields.rrule} hint={t("hostPages.schedule.ruleHint")}>
          <input value={form.rrule} onChange={(e) => setForm({ ...form, rrule: e.target.value })} />
        </Field>
      )}
      <Field label={form.repeat === "once" ? t("hostPages.schedule.date") : t("hostPages.schedule.firstDate")} error={fields.startDate}>
        <input type="date" value={form.startDate} onChange={(e) => setForm({ ...form, startDate: e.target.value })} />
      </Field>
      <Field label={t("hostPages.schedule.startTime")} error={fields.startTime}>
        <input type="time" value={form.startTime} onChange={(e) => setForm({ ...form, startTime: e.target.value })} />
      </Field>
      <Field label={t("hostPages.schedule.timeZone")} error={fields.timeZone} hint={t("hostPages.schedule.timeZoneHint")}>
        <select value={form.timeZone} onChange={(e) => setForm({ ...form, timeZone: e.target.value })}>
          {zones.map((z) => <option key={z} value={z}>{z}</option>)}
        </select>
      </Field>
      <Field label={t("hostPages.schedule.duration")} error={fields.durationMinutes}>
        <input type="number" min={15} max={480} step={5} value={form.durationMinutes} onChange={(e) => setForm({ ...form, durationMinutes: e.target.value })} />
      </Field>
      <Field label={t("hostPages.schedule.lobbyOpens")} error={fields.lobbyOpenMinutes}>
        <input type="number" min={0} max={120} value={form.lobbyOpenMinutes} onChange={(e) => setForm({ ...form, lobbyOpenMinutes: e.target.value })} />
      </Field>
      {form.repeat !== "once" && (
        <Field label={t("hostPages.schedule.lastDate")} error={fields.endDate}>
          <input type="date" value={form.endDate} onChange={(e) => setForm({ ...form, endDate: e.target.value })} />
        </Field>
      )}
      {form.repeat === "monthly" && Number(form.startDate.slice(8)) > 28 && (
        <p className="muted">{t("hostPages.schedule.monthlySkipped")}</p>
      )}
      {error && <p role="alert" className="error">{error}</p>}
      <button type="submit" className="primary">{series ? t("hostPages.schedule.save") : t("hostPages.schedule.add")}</button>
    </form>
  );
}
