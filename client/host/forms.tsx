import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";

/** A labelled input with its field error from the API (`fields[name]`) underneath. */
export function Field({ label, error, children, hint }: { label: string; error?: string; children: ReactNode; hint?: string }) {
  return (
    <label>
      <span>{label}</span>
      {children}
      {hint && !error && <span className="muted">{hint}</span>}
      {error && <span className="field-error" role="alert">{error}</span>}
    </label>
  );
}

export type FieldErrors = Record<string, string>;

export interface AccountForm {
  displayName: string;
  email: string;
  password: string;
}

/** Name, email and password: the fields of every new host or facilitator account. */
export function AccountFields({
  form,
  setForm,
  fields,
  nameLabel,
  passwordMin,
}: {
  form: AccountForm;
  setForm: (form: AccountForm) => void;
  fields: FieldErrors;
  nameLabel: string;
  passwordMin: number;
}) {
  const { t } = useTranslation();
  return (
    <>
      <Field label={nameLabel} error={fields.displayName}>
        <input value={form.displayName} onChange={(e) => setForm({ ...form, displayName: e.target.value })} />
      </Field>
      <Field label={t("host.email")} error={fields.email}>
        <input type="email" autoComplete="username" value={form.email} onChange={(e) => setForm({ ...form, email: e.target.value })} />
      </Field>
      <Field label={t("host.password")} error={fields.password} hint={t("host.passwordHint", { min: passwordMin })}>
        <input type="password" autoComplete="new-password" value={form.password} onChange={(e) => setForm({ ...form, password: e.target.value })} />
      </Field>
    </>
  );
}
