import { type FormEvent, useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { CIRCLE_CAPACITY_DEFAULT, CIRCLE_CAPACITY_MAX, CIRCLE_CAPACITY_MIN } from "../../shared/limits.ts";
import type { HostCircle } from "../../shared/scheduling-api.ts";
import { CURATED_TOPICS, GROUP_TOPICS, type GroupTopic, isCuratedTopic } from "../../shared/topics.ts";
import { api, ApiError, errorText } from "../schedule/api.ts";
import { Field, type FieldErrors } from "./forms.tsx";
import { type EditableGuide, editableGuide, GuideEditor, savedGuide } from "./GuideEditor.tsx";

interface Facilitator {
  id: string;
  displayName: string;
}

interface CircleForm {
  title: string;
  description: string;
  /** The curated topics ticked. */
  topics: string[];
  /** The host's own topics, comma separated. */
  otherTopics: string;
  forGroup: GroupTopic | "";
  language: string;
  agreements: string;
  capacity: string;
  visibility: "public" | "invite";
  facilitatorIds: string[];
  guide: EditableGuide | null;
}

const emptyForm: CircleForm = {
  title: "",
  description: "",
  topics: [],
  otherTopics: "",
  forGroup: "",
  language: "en",
  agreements: "We listen without fixing.\nWhat is shared here stays here.\nSpeak from your own experience.",
  capacity: String(CIRCLE_CAPACITY_DEFAULT),
  visibility: "public",
  facilitatorIds: [],
  guide: null,
};

function formOf(circle: HostCircle): CircleForm {
  return {
    title: circle.title,
    description: circle.description,
    topics: circle.topicTags.filter(isCuratedTopic),
    otherTopics: circle.topicTags.filter((tag) => !isCuratedTopic(tag)).join(", "),
    forGroup: circle.forGroup ?? "",
    language: circle.language,
    agreements: circle.agreements,
    capacity: String(circle.capacity),
    visibility: circle.visibility,
    facilitatorIds: circle.facilitatorIds,
    guide: editableGuide(circle.guide),
  };
}

function requestBody(form: CircleForm) {
  // A curated topic typed among the host's own counts once, as the curated one.
  const own = form.otherTopics.split(",").map((tag) => tag.trim().toLowerCase()).filter(Boolean);
  return {
    title: form.title,
    description: form.description,
    topicTags: [...new Set([...CURATED_TOPICS.filter((id) => form.topics.includes(id)), ...own])],
    forGroup: form.forGroup || null,
    language: form.language,
    agreements: form.agreements,
    capacity: Number(form.capacity),
    visibility: form.visibility,
    facilitatorIds: form.facilitatorIds,
    guide: savedGuide(form.guide),
  };
}

/** The server's field errors by form field: "topicTags.1" → the topics field. */
function fieldErrors(fields: FieldErrors): FieldErrors {
  const merged: FieldErrors = {};
  for (const [k, v] of Object.entries(fields)) merged[k.split(".")[0]!] ??= v;
  return merged;
}

/** Create or edit a circle. `onSaved` gets the saved circle. */
export function CircleEditor({ circle, onSaved }: { circle?: HostCircle; onSaved: (c: HostCircle) => void }) {
  const { t } = useTranslation();
  const [form, setForm] = useState(() => (circle ? formOf(circle) : emptyForm));
  const [facilitators, setFacilitators] = useState<Facilitator[]>([]);
  /** The server's field errors as it named them ("guide.steps.0.prompt"). */
  const [serverFields, setServerFields] = useState<FieldErrors>({});
  const fields = fieldErrors(serverFields);
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
    setServerFields({});
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
      if (e instanceof ApiError) setServerFields(e.fields);
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
      <TopicChoice form={form} setForm={setForm} errors={serverFields} />
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
      <GuideEditor guide={form.guide} language={form.language} errors={serverFields} onChange={(guide) => setForm((f) => ({ ...f, guide }))} />
      {error && <p role="alert" className="error">{error}</p>}
      {saved && <p role="status">{t("host.saved")}</p>}
      <button type="submit" className="primary">{circle ? t("host.saveChanges") : t("host.createCircleButton")}</button>
    </form>
  );
}

/** Curated topics to tick, the host's own topics, and the group the circle is for, if any. */
function TopicChoice({ form, setForm, errors }: { form: CircleForm; setForm: (update: (form: CircleForm) => CircleForm) => void; errors: FieldErrors }) {
  const { t } = useTranslation();
  const toggle = (id: string) =>
    setForm((f) => ({ ...f, topics: f.topics.includes(id) ? f.topics.filter((x) => x !== id) : [...f.topics, id] }));
  // "topicTags" is about the whole list (too many); "topicTags.3" about one of the host's own.
  const ownError = Object.entries(errors).find(([k]) => k.startsWith("topicTags."))?.[1];
  return (
    <>
      <fieldset className="topic-choice">
        <legend>{t("topics.editor.topicsLegend")}</legend>
        <div className="topic-options">
          {CURATED_TOPICS.map((id) => (
            <label key={id} className="topic-option">
              <input type="checkbox" checked={form.topics.includes(id)} onChange={() => toggle(id)} /> {t(`topics.names.${id}`)}
            </label>
          ))}
        </div>
        <Field label={t("topics.editor.otherTopics")} error={ownError} hint={t("topics.editor.otherTopicsHint")}>
          <input value={form.otherTopics} onChange={(e) => setForm((f) => ({ ...f, otherTopics: e.target.value }))} />
        </Field>
        {errors.topicTags && <span className="field-error" role="alert">{errors.topicTags}</span>}
      </fieldset>
      <Field label={t("topics.editor.forLabel")} error={errors.forGroup} hint={t("topics.editor.forHint")}>
        <select value={form.forGroup} onChange={(e) => setForm((f) => ({ ...f, forGroup: e.target.value as GroupTopic | "" }))}>
          <option value="">{t("topics.editor.forAnyone")}</option>
          {GROUP_TOPICS.map((id) => <option key={id} value={id}>{t(`topics.names.${id}`)}</option>)}
        </select>
      </Field>
    </>
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
