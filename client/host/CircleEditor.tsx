import { type FormEvent, useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { CIRCLE_CAPACITY_DEFAULT, CIRCLE_CAPACITY_MAX, CIRCLE_CAPACITY_MIN } from "../../shared/limits.ts";
import type { HostCircle } from "../../shared/scheduling-api.ts";
import { api, ApiError, errorText } from "../schedule/api.ts";
import { Field, type FieldErrors } from "./forms.tsx";

interface Facilitator {
  id: string;
  displayName: string;
}

const emptyForm = {
  title: "",
  description: "",
  topicTags: "",
  language: "en",
  agreements: "We listen without fixing.\nWhat is shared here stays here.\nSpeak from your own experience.",
  capacity: String(CIRCLE_CAPACITY_DEFAULT),
  visibility: "public" as "public" | "invite",
  facilitatorIds: [] as string[],
};

type CircleForm = typeof emptyForm;

function requestBody(form: CircleForm) {
  return {
    title: form.title,
    description: form.description,
    topicTags: form.topicTags.split(",").map((t) => t.trim()).filter(Boolean),
    language: form.language,
    agreements: form.agreements,
    capacity: Number(form.capacity),
    visibility: form.visibility,
    facilitatorIds: form.facilitatorIds,
  };
}

/** The server's field errors by form field: "topicTags.1" → the topics field. */
function fieldErrors(e: ApiError): FieldErrors {
  const merged: FieldErrors = {};
  for (const [k, v] of Object.entries(e.fields)) merged[k.split(".")[0]!] ??= v;
  return merged;
}

/** Create or edit a circle. `onSaved` gets the saved circle. */
export function CircleEditor({ circle, onSaved }: { circle?: HostCircle; onSaved: (c: HostCircle) => void }) {
  const { t } = useTranslation();
  const [form, setForm] = useState(() =>
    circle
      ? { ...circle, topicTags: circle.topicTags.join(", "), capacity: String(circle.capacity), facilitatorIds: circle.facilitatorIds }
      : emptyForm,
  );
  const [facilitators, setFacilitators] = useState<Facilitator[]>([]);
  const [fields, setFields] = useState<FieldErrors>({});
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);

  useEffect(() => {
    api<{ facilitators: Facilitator[] }>("/api/host/facilitators")
      .then((b) => setFacilitators(b.facilitators))
      .catch(() => setFacilitators([]));
  }, []);

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    setError(null);
    setFields({});
    setSaved(false);
    const body = requestBody(form);
    try {
      const reply = circle
        ? await api<{ circle: HostCircle }>(`/api/host/circles/${circle.id}`, { method: "PATCH", body })
        : await api<{ circle: HostCircle }>("/api/host/circles", { method: "POST", body });
      setSaved(true);
      onSaved(reply.circle);
    } catch (e) {
      setError(errorText(e));
      if (e instanceof ApiError) setFields(fieldErrors(e));
    }
  }

  const toggleFacilitator = (id: string) =>
    setForm((f) => ({ ...f, facilitatorIds: f.facilitatorIds.includes(id) ? f.facilitatorIds.filter((x) => x !== id) : [...f.facilitatorIds, id] }));

  return (
    <form onSubmit={onSubmit} aria-label={circle ? t("host.editCircle") : t("host.newCircle")}>
      <Field label={t("host.title")} error={fields.title}>
        <input value={form.title} onChange={(e) => setForm({ ...form, title: e.target.value })} />
      </Field>
      <Field label={t("host.description")} error={fields.description}>
        <textarea value={form.description} onChange={(e) => setForm({ ...form, description: e.target.value })} />
      </Field>
      <Field label={t("host.topics")} error={fields.topicTags} hint={t("host.topicsHint")}>
        <input value={form.topicTags} onChange={(e) => setForm({ ...form, topicTags: e.target.value })} />
      </Field>
      <Field label={t("host.languageCode")} error={fields.language} hint="en, fr, pt-BR…">
        <input value={form.language} onChange={(e) => setForm({ ...form, language: e.target.value })} size={8} />
      </Field>
      <Field label={t("host.agreements")} error={fields.agreements}>
        <textarea value={form.agreements} onChange={(e) => setForm({ ...form, agreements: e.target.value })} />
      </Field>
      <Field label={t("host.placesRange", { min: CIRCLE_CAPACITY_MIN, max: CIRCLE_CAPACITY_MAX })} error={fields.capacity}>
        <input type="number" min={CIRCLE_CAPACITY_MIN} max={CIRCLE_CAPACITY_MAX} value={form.capacity} onChange={(e) => setForm({ ...form, capacity: e.target.value })} />
      </Field>
      <Field label={t("host.whoCanFind")} error={fields.visibility}>
        <select value={form.visibility} onChange={(e) => setForm({ ...form, visibility: e.target.value as "public" | "invite" })}>
          <option value="public">{t("host.visibilityPublic")}</option>
          <option value="invite">{t("host.visibilityInvite")}</option>
        </select>
      </Field>
      <FacilitatorChoice facilitators={facilitators} chosen={form.facilitatorIds} error={fields.facilitatorIds} onToggle={toggleFacilitator} />
      {error && <p role="alert" className="error">{error}</p>}
      {saved && <p role="status">{t("host.saved")}</p>}
      <button type="submit" className="primary">{circle ? t("host.saveChanges") : t("host.createCircleButton")}</button>
    </form>
  );
}

function FacilitatorChoice({
  facilitators,
  chosen,
  error,
  onToggle,
}: {
  facilitators: Facilitator[];
  chosen: string[];
  error: string | undefined;
  onToggle: (id: string) => void;
}) {
  const { t } = useTranslation();
  return (
    <fieldset>
      <legend>{t("host.defaultFacilitators")}</legend>
      {facilitators.length === 0 && <span className="muted">{t("host.inviteFirst")}</span>}
      {facilitators.map((f) => (
        <label key={f.id} className="row">
          <input type="checkbox" checked={chosen.includes(f.id)} onChange={() => onToggle(f.id)} /> {f.displayName}
        </label>
      ))}
      {error && <span className="field-error">{error}</span>}
    </fieldset>
  );
}
