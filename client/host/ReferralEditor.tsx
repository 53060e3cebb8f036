import { useState } from "react";
import { REFERRAL_ENTRIES_MAX, REFERRAL_KIND_LABELS, REFERRAL_KINDS, type ReferralDirectory, type ReferralEntry, type ReferralKind } from "../../shared/referrals.ts";
import { ApiError, api, errorText } from "../schedule/api.ts";
import { useResource } from "../schedule/useResource.ts";
import { Field, type FieldErrors } from "./forms.tsx";

/** A row as typed: languages as "en, es"; empty fields are left out when saved. */
type Draft = Record<"name" | "country" | "languages" | "description" | "phone" | "url" | "hours", string> & { kind: ReferralKind };

const toDraft = (e: ReferralEntry): Draft => ({
  name: e.name,
  kind: e.kind,
  country: e.country,
  languages: e.languages.join(", "),
  description: e.description ?? "",
  phone: e.phone ?? "",
  url: e.url ?? "",
  hours: e.hours ?? "",
});
const blank = (): Draft => ({ name: "", kind: "counselling", country: "", languages: "", description: "", phone: "", url: "", hours: "" });

function toEntry(d: Draft): Record<string, unknown> {
  const optional = (v: string) => (v.trim() ? v.trim() : undefined);
  return {
    name: d.name,
    kind: d.kind,
    country: d.country.trim().toUpperCase(),
    languages: d.languages.split(/[\s,]+/).filter(Boolean).map((l) => l.toLowerCase()),
    description: optional(d.description),
    phone: optional(d.phone),
    url: optional(d.url),
    hours: optional(d.hours),
  };
}

function EntryFields({ d, i, errors, onChange, onRemove }: { d: Draft; i: number; errors: FieldErrors; onChange: (d: Draft) => void; onRemove: () => void }) {
  const err = (f: string) => errors[`entries.${i}.${f}`];
  const text = (f: keyof Draft, label: string, hint?: string) => (
    <Field label={label} error={err(f)} hint={hint}>
      <input value={d[f]} onChange={(e) => onChange({ ...d, [f]: e.target.value })} />
    </Field>
  );
  return (
    <fieldset aria-label={`Service ${i + 1}`}>
      {text("name", "Name")}
      <Field label="Kind" error={err("kind")}>
        <select value={d.kind} onChange={(e) => onChange({ ...d, kind: e.target.value as ReferralKind })}>
          {REFERRAL_KINDS.map((k) => <option key={k} value={k}>{REFERRAL_KIND_LABELS[k]}</option>)}
        </select>
      </Field>
      {text("country", "Country", "ISO code such as GB or ES; * for anywhere")}
      {text("languages", "Languages", "Codes such as en, es; empty for any")}
      {text("phone", "Phone")}
      {text("url", "Web address")}
      {text("hours", "Hours")}
      {text("description", "What they offer")}
      <button type="button" className="danger" onClick={onRemove}>Remove</button>
    </fieldset>
  );
}

/**
 * The host's referral directory (counselling, helplines, specialist services), for one circle or
 * for all their circles. Participants see it after a session and in the crisis panel; Hearth
 * records nothing about who opens what.
 */
export function ReferralEditor({ path, title }: { path: string; title: string }) {
  const resource = useResource(path, () => api<ReferralDirectory>(path));
  const [drafts, setDrafts] = useState<Draft[] | null>(null);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [message, setMessage] = useState<string | null>(null);
  const rows = drafts ?? resource.data?.entries.map(toDraft) ?? [];

  async function save() {
    try {
      const saved = await api<ReferralDirectory>(path, { method: "PUT", body: { entries: rows.map(toEntry) } });
      setDrafts(saved.entries.map(toDraft));
      setErrors({});
      setMessage("Saved.");
    } catch (e) {
      setErrors(e instanceof ApiError && e.fields ? e.fields : {});
      setMessage(errorText(e));
    }
  }

  const change = (next: Draft[]) => {
    setDrafts(next);
    setMessage(null);
  };
  return (
    <section aria-label={title} className="referral-editor">
      <h2>{title}</h2>
      <p className="muted">Local counselling, helplines and specialist services for the people of your circles. Shown after each session and in the crisis panel, beside Hearth's list of national helplines. Please check each number yourself.</p>
      {resource.error && <p role="alert" className="error">{resource.error}</p>}
      {rows.map((d, i) => (
        <EntryFields key={i} d={d} i={i} errors={errors} onChange={(x) => change(rows.map((r, j) => (j === i ? x : r)))} onRemove={() => change(rows.filter((_, j) => j !== i))} />
      ))}
      <div className="actions">
        {rows.length < REFERRAL_ENTRIES_MAX && <button type="button" onClick={() => change([...rows, blank()])}>Add a service</button>}
        <button type="button" className="primary" onClick={() => void save()}>Save directory</button>
      </div>
      {message && <p role="status">{message}</p>}
    </section>
  );
}
