import { type FormEvent, useEffect, useState } from "react";
import type { MeResponse } from "../../shared/scheduling-api.ts";
import { PASSWORD_MIN } from "../../shared/account-rules.ts";
import { Link, navigate } from "../routing.ts";
import { api, ApiError, errorText } from "../schedule/api.ts";
import { signedIn } from "./account.ts";
import { Field, type FieldErrors } from "./forms.tsx";

/** First run: creates the first host, only while Hearth has none. */
export function Setup() {
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
        <h1>Hearth is set up</h1>
        <p>It already has a host. <Link to="/host">Sign in</Link>.</p>
      </main>
    );
  }
  return (
    <main className="page">
      <h1>Welcome to Hearth</h1>
      <p>Create the first host account. Hosts create circles, schedule sessions and invite facilitators.</p>
      <form onSubmit={onSubmit}>
        <Field label="Your name (shown to your facilitators)" error={fields.displayName}>
          <input value={form.displayName} onChange={(e) => setForm({ ...form, displayName: e.target.value })} />
        </Field>
        <Field label="Email" error={fields.email}>
          <input type="email" autoComplete="username" value={form.email} onChange={(e) => setForm({ ...form, email: e.target.value })} />
        </Field>
        <Field label="Password" error={fields.password} hint={`At least ${PASSWORD_MIN} characters.`}>
          <input type="password" autoComplete="new-password" value={form.password} onChange={(e) => setForm({ ...form, password: e.target.value })} />
        </Field>
        {error && <p role="alert" className="error">{error}</p>}
        <button type="submit" className="primary">Create host account</button>
      </form>
    </main>
  );
}
