import { useState } from "react";
import { useTranslation } from "react-i18next";
import { REFERRAL_ENTRIES_MAX, REFERRAL_KINDS, type ReferralDirectory, type ReferralEntry, type ReferralKind } from "../../shared/referrals.ts";
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
  const { t } = useTranslation();
  const kindLabels: Record<ReferralKind, string> = {
    counselling: t("hostPages.referrals.kindCounselling"),
    helpline: t("hostPages.referrals.kindHelpline"),
    specialist: t("hostPages.referrals.kindSpecialist"),
    "peer-support": t("hostPages.referrals.kindPeerSupport"),
    emergency: t("hostPages.referrals.kindEmergency"),
  };
  const err = (f: string) => errors[`entries.${i}.${f}`];
  const text = (f: keyof Draft, label: string, hint?: string) => (
    <Field label={label} error={err(f)} hint={hint}>
      <input value={d[f]} onChange={(e) => onChange({ ...d, [f]: e.target.value })} />
    </Field>
  );
  return (
    <fieldset aria-label={t("hostPages.referrals.service", { number: i + 1 })}>
      {text("name", t("hostPages.referrals.name"))}
      <Field label={t("hostPages.referrals.kind")} error={err("kind")}>
        <select value={d.kind} onChange={(e) => onChange({ ...d, kind: e.target.value as ReferralKind })}>
          {REFERRAL_KINDS.map((k) => <option key={k} value={k}>{kindLabels[k]}</option>)}
        </select>
      </Field>
      {text("country", t("hostPages.referrals.country"), t("hostPages.referrals.countryHint"))}
      {text("languages", t("hostPages.referrals.languages"), t("hostPages.referrals.languagesHint"))}
      {text("phone", t("hostPages.referrals.phone"))}
      {text("url", t("hostPages.referrals.url"))}
      {text("hours", t("hostPages.referrals.hours"))}
      {text("description", t("hostPages.referrals.description"))}
      <button type="button" className="danger" onClick={onRemove}>{t("hostPages.referrals.remove")}</button>
    </fieldset>
  );
}

/**
 * The host's referral directory (counselling, helplines, specialist services), for one circle or
 * for all their circles. Participants see it after a session and in the crisis panel; Hearth
 * records nothing about who opens what.
 */
export function ReferralEditor({ path, title }: { path: string; title: string }) {
  const { t } = useTranslation();
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
      setMessage(t("hostPages.referrals.saved"));
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
      <p className="muted">{t("hostPages.referrals.intro")}</p>
      {resource.error && <p role="alert" className="error">{resource.error}</p>}
      {rows.map((d, i) => (
        <EntryFields key={i} d={d} i={i} errors={errors} onChange={(x) => change(rows.map((r, j) => (j === i ? x : r)))} onRemove={() => change(rows.filter((_, j) => j !== i))} />
      ))}
      <div className="actions">
        {rows.length < REFERRAL_ENTRIES_MAX && <button type="button" onClick={() => change([...rows, blank()])}>{t("hostPages.referrals.add")}</button>}
        <button type="button" className="primary" onClick={() => void save()}>{t("hostPages.referrals.save")}</button>
      </div>
      {message && <p role="status">{message}</p>}
    </section>
  );
}
