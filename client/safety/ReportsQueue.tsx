import { useTranslation } from "react-i18next";
import { useStore } from "zustand";
import { REPORT_CATEGORY_LABELS } from "../../shared/safety.ts";
import { intlLocale } from "../i18n/index.ts";
import { resolveReport, safety } from "./session.ts";
import { SupportFlags } from "./SupportFlags.tsx";
import { coolDownLeft, liftCoolDown, support } from "./support.ts";
import { useNow } from "./useNow.ts";

const time = (at: number) => new Date(at).toLocaleTimeString(intlLocale(), { hour: "2-digit", minute: "2-digit" });

/** The facilitator's private queue of reports from this session (kept in memory only). */
export function ReportsQueue() {
  const { t } = useTranslation();
  const reports = useStore(safety, (s) => s.reports);
  const cooling = useStore(support, (s) => s.coolDowns);
  const now = useNow(Object.keys(cooling).length > 0);
  return (
    <>
    <SupportFlags />
    <section aria-label={t("view.reports")} className="reports-queue">
      <h3>{t("view.reports")} {reports.length > 0 && <span className="badge alert">{reports.length}</span>}</h3>
      {reports.length === 0 ? (
        <p className="muted">{t("view.noReports")}</p>
      ) : (
        <ol>
          {reports.map((r) => (
            <li key={r.id} data-report={r.id}>
              <div>
                <strong>{r.targetPseudonym}</strong> · {t(`safetyDialogs.reportCategory_${r.category}`, { defaultValue: REPORT_CATEGORY_LABELS[r.category] })}{" "}
                <span className="muted">
                  {time(r.at)} · {r.source === "chat-filter" ? t("circleGuide.reports.byFilter") : t("circleGuide.reports.from", { name: r.reporterPseudonym })}
                </span>
              </div>
              {r.note && <p className="report-note">{r.note}</p>}
              {r.source === "chat-filter" && coolDownLeft(cooling, r.targetId, now) > 0 && (
                <button type="button" onClick={() => liftCoolDown(r.targetId)}>{t("view.liftPause")}</button>
              )}
              <button type="button" onClick={() => resolveReport(r.id)}>{t("view.dealtWith")}</button>
            </li>
          ))}
        </ol>
      )}
    </section>
    </>
  );
}
