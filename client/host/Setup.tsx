import { type FormEvent, useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import type { MeResponse } from "../../shared/scheduling-api.ts";
import { PASSWORD_MIN } from "../../shared/account-rules.ts";
import { Link, navigate } from "../routing.ts";
import { api, ApiError, errorText } from "../schedule/api.ts";
import { signedIn } from "./account.ts";
import { AccountFields, type FieldErrors } from "./forms.tsx";

/** First run: creates the first host, only while Hearth has none. */
export function Setup() {
  const { t } = useTranslation();
  const [needed, setNeeded] = useState<boolean | null>(null);
  const [form, setForm] = useState({ displayName: "", email: "", password: "" });
  const [fields, setFields] = useState<FieldErrors>({});
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    api<{ needed: boolean }>("/api/setup")
      .then((b) => setNeeded(b.needed))
      .catch((e: unknown) => setError(errorText(e)));
  }, []);

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    setError(null);
    setFields({});
    try {
      signedIn(await api<MeResponse>("/api/setup", { method: "POST", body: form }));
      navigate("/host");
    } catch (e) {
      setError(errorText(e));
      if (e instanceof ApiError) setFields(e.fields);
    }
  }

  if (needed === false) {
    return (
      <main className="page">
        <h1>{t("host.setUp")}</h1>
        <p>{t("host.alreadyHasHost")} <Link to="/host">{t("host.signIn")}</Link>.</p>
      </main>
    );
  }
  return (
    <main className="page">
      <h1>{t("host.welcome")}</h1>
      <p>{t("host.welcomeText")}</p>
      <form onSubmit={onSubmit}>
        <AccountFields form={form} setForm={setForm} fields={fields} nameLabel={t("host.yourName")} passwordMin={PASSWORD_MIN} />
        {error && <p role="alert" className="error">{error}</p>}
        <button type="submit" className="primary">{t("host.createHost")}</button>
      </form>
    </main>
  );
}
