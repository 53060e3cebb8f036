import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import type { MeResponse } from "../../shared/scheduling-api.ts";
import { Link } from "../routing.ts";
import { api, ApiError, errorText } from "../schedule/api.ts";
import { signedIn } from "./account.ts";
import { Field, type FieldErrors } from "./forms.tsx";

export function SignIn({ title }: { title?: string }) {
  const { t } = useTranslation();
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [fields, setFields] = useState<FieldErrors>({});
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    setFields({});
    try {
      signedIn(await api<MeResponse>("/api/auth/sign-in", { method: "POST", body: { email, password } }));
    } catch (e) {
      setError(errorText(e));
      if (e instanceof ApiError) setFields(e.fields);
    } finally {
      setBusy(false);
    }
  }

  return (
    <main className="page">
      <p><Link to="/">{t("common.backHome")}</Link></p>
      <h1>{title ?? t("host.signIn")}</h1>
      <form onSubmit={onSubmit}>
        <Field label={t("host.email")} error={fields.email}>
          <input type="email" autoComplete="username" value={email} onChange={(e) => setEmail(e.target.value)} />
        </Field>
        <Field label={t("host.password")} error={fields.password}>
          <input type="password" autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)} />
        </Field>
        {error && <p role="alert" className="error">{error}</p>}
        <button type="submit" className="primary" disabled={busy}>{t("host.signIn")}</button>
      </form>
      <p className="muted">{t("host.firstTime")} <Link to="/setup">{t("host.createFirstHost")}</Link>.</p>
    </main>
  );
}
