import { useTranslation } from "react-i18next";
import { GUIDE_TEMPLATES, guideFromTemplate, templateName } from "../../shared/guide-templates.ts";
import { type CircleGuide, GUIDE_PHASES, GUIDE_STEPS_MAX, type GuideStep, TECHNIQUES } from "../../shared/guides.ts";
import { languageName } from "../schedule/language-name.ts";
import { Field, type FieldErrors } from "./forms.tsx";

/** A step being edited, with a key that follows it when it moves. */
export interface EditableStep extends GuideStep {
  key: number;
}
export interface EditableGuide {
  template: string;
  steps: EditableStep[];
}

let nextKey = 1;
const withKeys = (steps: GuideStep[]): EditableStep[] => steps.map((step) => ({ ...step, key: nextKey++ }));

/** A circle's guide, ready to edit. */
export const editableGuide = (guide: CircleGuide | null | undefined): EditableGuide | null =>
  guide ? { template: guide.template, steps: withKeys(guide.steps) } : null;

/** The guide as the API takes it (the circle's `guide`). */
export const savedGuide = (guide: EditableGuide | null): CircleGuide | null =>
  guide && { template: guide.template, steps: guide.steps.map(({ key: _key, ...step }) => step) };

const blankStep = (): GuideStep => ({ technique: "sharing", phase: "sharing", title: "", prompt: "", card: "" });

/** The language a template is filled in for a circle in `language` (shared/guide-templates.ts). */
const templateLanguage = (language: string) => (language.split("-")[0] === "es" ? "es" : "en");

/** True when the steps are still exactly their template's, so replacing them loses nothing. */
function untouched(guide: EditableGuide, language: string): boolean {
  const original = guideFromTemplate(guide.template, language);
  if (!original || original.steps.length !== guide.steps.length) return false;
  const fields = ["technique", "phase", "title", "prompt", "card"] as const;
  return original.steps.every((step, i) => fields.every((f) => step[f] === guide.steps[i]![f]));
}

const OWN = "own";

/**
 * The facilitator's guide of a circle: start from a template (filled in the circle's language),
 * then edit, add, remove and reorder its steps. `errors` are the server's, by path
 * ("guide.steps.0.prompt"); each shows next to its field.
 */
export function GuideEditor({
  guide,
  language,
  errors,
  onChange,
}: {
  guide: EditableGuide | null;
  language: string;
  errors: FieldErrors;
  onChange: (guide: EditableGuide | null) => void;
}) {
  const { t, i18n } = useTranslation();
  const ui = i18n.resolvedLanguage ?? "en";
  const known = guide && GUIDE_TEMPLATES.some((tpl) => tpl.id === guide.template);
  const choice = guide ? (known ? guide.template : OWN) : "";

  function chooseTemplate(id: string) {
    const keep = guide && !untouched(guide, language);
    if (id === "") {
      if (!guide || confirm(t("topics.guide.confirmRemove"))) onChange(null);
      return;
    }
    if (keep && !confirm(t("topics.guide.confirmReplace"))) return;
    onChange(editableGuide(guideFromTemplate(id, language)));
  }

  const generalError = errors.guide ?? errors["guide.steps"] ?? errors["guide.template"];
  return (
    <fieldset className="guide-editor">
      <legend>{t("topics.guide.legend")}</legend>
      <p className="muted">{t("topics.guide.intro")}</p>
      <Field label={t("topics.guide.template")} hint={t("topics.guide.templateHint", { language: languageName(templateLanguage(language)) })}>
        <select value={choice} onChange={(e) => chooseTemplate(e.target.value)}>
          <option value="">{t("topics.guide.templateNone")}</option>
          {GUIDE_TEMPLATES.map((tpl) => <option key={tpl.id} value={tpl.id}>{templateName(tpl.id, ui)}</option>)}
          {choice === OWN && <option value={OWN} disabled>{t("topics.guide.templateOwn")}</option>}
        </select>
      </Field>
      {generalError && <span className="field-error" role="alert">{generalError}</span>}
      {guide ? (
        <GuideSteps guide={guide} errors={errors} onChange={onChange} />
      ) : (
        <p>
          {t("topics.guide.noSteps")}{" "}
          <button type="button" onClick={() => onChange({ template: "", steps: withKeys([blankStep()]) })}>{t("topics.guide.writeOwn")}</button>
        </p>
      )}
    </fieldset>
  );
}

function GuideSteps({ guide, errors, onChange }: { guide: EditableGuide; errors: FieldErrors; onChange: (guide: EditableGuide | null) => void }) {
  const { t } = useTranslation();
  const { steps } = guide;
  const setSteps = (next: EditableStep[]) => onChange(next.length ? { ...guide, steps: next } : null);
  const move = (from: number, to: number) => {
    const next = [...steps];
    const [step] = next.splice(from, 1);
    next.splice(to, 0, step!);
    setSteps(next);
  };
  return (
    <>
      <ol className="guide-editor-steps">
        {steps.map((step, i) => (
          <li key={step.key}>
            <StepEditor
              step={step}
              index={i}
              last={i === steps.length - 1}
              errors={errors}
              onChange={(changed) => setSteps(steps.map((s, j) => (j === i ? changed : s)))}
              onMove={(to) => move(i, to)}
              onRemove={() => setSteps(steps.filter((_, j) => j !== i))}
            />
          </li>
        ))}
      </ol>
      <p>
        <button type="button" disabled={steps.length >= GUIDE_STEPS_MAX} onClick={() => setSteps([...steps, ...withKeys([blankStep()])])}>
          {t("topics.guide.add")}
        </button>
        {steps.length >= GUIDE_STEPS_MAX && <span className="muted"> {t("topics.guide.stepsMax", { count: GUIDE_STEPS_MAX })}</span>}
      </p>
    </>
  );
}

function StepEditor({
  step,
  index,
  last,
  errors,
  onChange,
  onMove,
  onRemove,
}: {
  step: EditableStep;
  index: number;
  last: boolean;
  errors: FieldErrors;
  onChange: (step: EditableStep) => void;
  onMove: (to: number) => void;
  onRemove: () => void;
}) {
  const { t } = useTranslation();
  const error = (field: string) => errors[`guide.steps.${index}.${field}`];
  const number = index + 1;
  return (
    <fieldset className="guide-step">
      <legend>{step.title.trim() ? t("topics.guide.step", { number, title: step.title }) : t("topics.guide.stepUntitled", { number })}</legend>
      {errors[`guide.steps.${index}`] && <span className="field-error" role="alert">{errors[`guide.steps.${index}`]}</span>}
      <Field label={t("topics.guide.title")} error={error("title")}>
        <input value={step.title} onChange={(e) => onChange({ ...step, title: e.target.value })} />
      </Field>
      <Field label={t("topics.guide.prompt")} error={error("prompt")}>
        <textarea value={step.prompt} onChange={(e) => onChange({ ...step, prompt: e.target.value })} rows={3} />
      </Field>
      <Field label={t("topics.guide.card")} error={error("card")}>
        <textarea value={step.card} onChange={(e) => onChange({ ...step, card: e.target.value })} rows={2} />
      </Field>
      <div className="guide-step-kind">
        <Field label={t("topics.guide.phase")} error={error("phase")}>
          <select value={step.phase} onChange={(e) => onChange({ ...step, phase: e.target.value as GuideStep["phase"] })}>
            {GUIDE_PHASES.map((p) => <option key={p} value={p}>{t(`topics.phases.${p}`)}</option>)}
          </select>
        </Field>
        <Field label={t("topics.guide.technique")} error={error("technique")}>
          <select value={step.technique} onChange={(e) => onChange({ ...step, technique: e.target.value as GuideStep["technique"] })}>
            {TECHNIQUES.map((x) => <option key={x} value={x}>{t(`topics.techniques.${x}`)}</option>)}
          </select>
        </Field>
      </div>
      <span className="actions">
        <button type="button" disabled={index === 0} onClick={() => onMove(index - 1)}>{t("topics.guide.moveUp")}</button>
        <button type="button" disabled={last} onClick={() => onMove(index + 1)}>{t("topics.guide.moveDown")}</button>
        <button type="button" className="danger" onClick={onRemove}>{t("topics.guide.remove")}</button>
      </span>
    </fieldset>
  );
}
