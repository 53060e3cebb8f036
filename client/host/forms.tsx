import type { ReactNode } from "react";

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
