import { type FormEvent, useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { REPORT_CATEGORIES, REPORT_CATEGORY_LABELS, REPORT_NOTE_MAX, type ReportCategory } from "../../shared/safety.ts";
import { report } from "./session.ts";

/** Report a participant to the facilitators, privately; they are muted for you at once. */
export function ReportDialog({ id, pseudonym, onClose }: { id: string; pseudonym: string; onClose: () => void }) {
  const { t } = useTranslation();
  const dialog = useRef<HTMLDialogElement>(null);
  const [category, setCategory] = useState<ReportCategory | "">("");
  const [note, setNote] = useState("");
  useEffect(() => dialog.current?.showModal(), []);

  function submit(event: FormEvent) {
    event.preventDefault();
    if (!category) return;
    report(id, category, note);
    onClose();
  }

  return (
    <dialog ref={dialog} className="safety-dialog report" aria-labelledby="report-title" onClose={onClose}>
      <form onSubmit={submit}>
        <h2 id="report-title">{t("safetyDialogs.reportTitle", { name: pseudonym })}</h2>
        <p className="muted">{t("safetyDialogs.reportPrivacy", { name: pseudonym })}</p>
        <fieldset>
          <legend>{t("safetyDialogs.whatHappened")}</legend>
          {REPORT_CATEGORIES.map((c) => (
            <label key={c} className="choice">
              <input type="radio" name="category" value={c} checked={category === c} onChange={() => setCategory(c)} />
              {t(`safetyDialogs.reportCategory_${c}`, { defaultValue: REPORT_CATEGORY_LABELS[c] })}
            </label>
          ))}
        </fieldset>
        <label htmlFor="report-note">{t("safetyDialogs.reportNoteLabel")}</label>
        <textarea id="report-note" value={note} maxLength={REPORT_NOTE_MAX} rows={3} onChange={(e) => setNote(e.target.value)} />
        <div className="dialog-actions">
          <button type="button" onClick={onClose}>{t("safetyDialogs.cancel")}</button>
          <button type="submit" className="primary" disabled={!category}>{t("safetyDialogs.sendReport")}</button>
        </div>
      </form>
    </dialog>
  );
}
