import { type FormEvent, useState } from "react";
import type { MeResponse } from "../../shared/scheduling-api.ts";
import { Link } from "../routing.ts";
import { api, ApiError, errorText } from "../schedule/api.ts";
import { signedIn } from "./account.ts";
import { Field, type FieldErrors } from "./forms.tsx";

export function SignIn({ title = "Sign in" }: { title?: string }) {
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
      <p><Link to="/">← Hearth</Link></p>
      <h1>{title}</h1>
      <form onSubmit={onSubmit}>
        <Field label="Email" error={fields.email}>
          <input type="email" autoComplete="username" value={email} onChange={(e) => setEmail(e.target.value)} />
        </Field>
        <Field label="Password" error={fields.password}>
          <input type="password" autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)} />
        </Field>
        {error && <p role="alert" className="error">{error}</p>}
        <button type="submit" className="primary" disabled={busy}>Sign in</button>
      </form>
      <p className="muted">First time running Hearth? <Link to="/setup">Create the first host</Link>.</p>
    </main>
  );
}
