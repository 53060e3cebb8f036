import { type FormEvent, useEffect, useRef, useState } from "react";
import { REPORT_CATEGORIES, REPORT_CATEGORY_LABELS, REPORT_NOTE_MAX, type ReportCategory } from "../../shared/safety.ts";
import { report } from "./session.ts";

/** Report a participant to the facilitators, privately; they are muted for you at once. */
export function ReportDialog({ id, pseudonym, onClose }: { id: string; pseudonym: string; onClose: () => void }) {
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
        <h2 id="report-title">Report {pseudonym}</h2>
        <p className="muted">Only this session's facilitators see your report. {pseudonym} is not told, and is muted for you.</p>
        <fieldset>
          <legend>What happened?</legend>
          {REPORT_CATEGORIES.map((c) => (
            <label key={c} className="choice">
              <input type="radio" name="category" value={c} checked={category === c} onChange={() => setCategory(c)} />
              {REPORT_CATEGORY_LABELS[c]}
            </label>
          ))}
        </fieldset>
        <label htmlFor="report-note">Anything the facilitators should know (optional)</label>
        <textarea id="report-note" value={note} maxLength={REPORT_NOTE_MAX} rows={3} onChange={(e) => setNote(e.target.value)} />
        <div className="dialog-actions">
          <button type="button" onClick={onClose}>Cancel</button>
          <button type="submit" className="primary" disabled={!category}>Send report</button>
        </div>
      </form>
    </dialog>
  );
}
