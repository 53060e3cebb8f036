import { useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { averageMood, type CheckInCounts, type CircleCheckIns } from "../../shared/checkins.ts";
import { intlLocale } from "../i18n/index.ts";
import { loadChunk } from "../lazy-chunk.tsx";
import { api } from "../schedule/api.ts";
import { useResource } from "../schedule/useResource.ts";

type Session = CircleCheckIns["sessions"][number];

const answers = ({ moods }: CheckInCounts) => moods.reduce((a, b) => a + b, 0);
/** An always-open circle's "session" is a UTC day: shown as that day, without a time. */
const isOpenDay = (s: Session) => s.sessionKey.startsWith("open:");

function formatSessionDate(s: Session, short: boolean): string {
  const options: Intl.DateTimeFormatOptions = isOpenDay(s)
    ? { ...(short ? { day: "numeric", month: "short" } : { dateStyle: "medium" }), timeZone: "UTC" }
    : short
      ? { day: "numeric", month: "short" }
      : { dateStyle: "medium", timeStyle: "short" };
  return new Intl.DateTimeFormat(intlLocale(), options).format(new Date(s.start));
}

const formatAverage = (average: number) => new Intl.NumberFormat(intlLocale(), { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(average);

/** The chart, drawn once chart.js (a chunk of its own) has arrived; the table beside it holds the same figures. */
function MoodChart({ sessions }: { sessions: Session[] }) {
  const { t, i18n } = useTranslation();
  const canvas = useRef<HTMLCanvasElement>(null);
  const [failed, setFailed] = useState(false);
  const language = i18n.resolvedLanguage;

  useEffect(() => {
    const element = canvas.current;
    if (!element) return;
    let live = true;
    let chart: { destroy(): void } | undefined;
    loadChunk(() => import("./check-in-chart-draw.ts")).then(
      ({ drawCheckInChart }) => {
        if (!live) return;
        chart = drawCheckInChart(
          element,
          {
            labels: sessions.map((s) => formatSessionDate(s, true)),
            averageBefore: sessions.map((s) => averageMood(s.before)),
            averageAfter: sessions.map((s) => averageMood(s.after)),
            answersBefore: sessions.map((s) => answers(s.before)),
            answersAfter: sessions.map((s) => answers(s.after)),
          },
          {
            before: t("hostCircle.checkIns.seriesBefore"),
            after: t("hostCircle.checkIns.seriesAfter"),
            answersBefore: t("hostCircle.checkIns.seriesAnswersBefore"),
            answersAfter: t("hostCircle.checkIns.seriesAnswersAfter"),
            axisMood: t("hostCircle.checkIns.axisMood"),
            axisAnswers: t("hostCircle.checkIns.axisAnswers"),
            tooltip: (label, average, count) => t("hostCircle.checkIns.tooltipAverage", { label, average: formatAverage(average), count }),
          },
        );
      },
      () => live && setFailed(true),
    );
    return () => {
      live = false;
      chart?.destroy();
    };
  }, [sessions, t, language]);

  if (failed) return <p className="muted">{t("common.partFailed")}</p>;
  return (
    <div className="checkin-chart" style={{ position: "relative", height: "16rem" }}>
      <canvas ref={canvas} role="img" aria-label={t("hostCircle.checkIns.chartLabel")} />
    </div>
  );
}

/**
 * How people arrive and leave one circle: per session, the average mood before and after and how
 * many answered (a chart, and a table with the same figures for screen readers), from counts only.
 */
export function CheckInChart({ circleId }: { circleId: string }) {
  const { t } = useTranslation();
  const resource = useResource(circleId, () => api<CircleCheckIns>(`/api/host/circles/${circleId}/checkins`));
  const sessions = resource.data?.sessions;
  const average = (counts: CheckInCounts) => {
    const value = averageMood(counts);
    return value === null ? t("hostCircle.checkIns.noAverage") : formatAverage(value);
  };

  return (
    <>
      <p className="muted">{t("hostCircle.checkIns.anonymous")}</p>
      {resource.error && <p role="alert" className="error">{resource.error}</p>}
      {!sessions && !resource.error && <p>{t("common.loading")}</p>}
      {sessions?.length === 0 && <p className="muted">{t("hostCircle.checkIns.empty")}</p>}
      {sessions && sessions.length > 0 && (
        <>
          <MoodChart sessions={sessions} />
          <table className="table checkin-table">
            <caption className="muted" style={{ textAlign: "start" }}>{t("hostCircle.checkIns.caption")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("hostCircle.checkIns.session")}</th>
                <th scope="col">{t("hostCircle.checkIns.answersBefore")}</th>
                <th scope="col">{t("hostCircle.checkIns.answersAfter")}</th>
                <th scope="col">{t("hostCircle.checkIns.averageBefore")}</th>
                <th scope="col">{t("hostCircle.checkIns.averageAfter")}</th>
                <th scope="col">{t("hostCircle.checkIns.askedForCheckIn")}</th>
              </tr>
            </thead>
            <tbody>
              {sessions.map((s) => (
                <tr key={s.sessionKey} data-session-key={s.sessionKey}>
                  <th scope="row">
                    <time dateTime={s.start}>{formatSessionDate(s, false)}</time>
                  </th>
                  <td>{answers(s.before)}</td>
                  <td>{answers(s.after)}</td>
                  <td>{average(s.before)}</td>
                  <td>{average(s.after)}</td>
                  <td>{s.before.wantsCheckIn + s.after.wantsCheckIn}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </>
  );
}
