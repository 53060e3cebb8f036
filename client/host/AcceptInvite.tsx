import { type FormEvent, useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import type { MeResponse } from "../../shared/scheduling-api.ts";
import { PASSWORD_MIN } from "../../shared/account-rules.ts";
import { navigate } from "../routing.ts";
import { api, ApiError, errorText } from "../schedule/api.ts";
import { signedIn } from "./account.ts";
import { AccountFields, type FieldErrors } from "./forms.tsx";

/** A facilitator's invitation link: create the account (single use). */
export function AcceptInvite({ token }: { token: string }) {
  const { t } = useTranslation();
  const [info, setInfo] = useState<{ hostName: string; circleTitle: string | null } | null>(null);
  const [form, setForm] = useState({ displayName: "", email: "", password: "" });
  const [fields, setFields] = useState<FieldErrors>({});
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    api<{ hostName: string; circleTitle: string | null }>(`/api/invitations/${encodeURIComponent(token)}`)
      .then(setInfo)
      .catch((e: unknown) => setError(errorText(e)));
  }, [token]);

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    setError(null);
    setFields({});
    try {
      signedIn(await api<MeResponse>(`/api/invitations/${encodeURIComponent(token)}/accept`, { method: "POST", body: form }));
      navigate("/facilitate");
    } catch (e) {
      setError(errorText(e));
      if (e instanceof ApiError) setFields(e.fields);
    }
  }

  return (
    <main className="page">
      <h1>{t("hostPages.acceptInvite.title")}</h1>
      {info && (
        <p>
          {info.circleTitle
            ? t("hostPages.acceptInvite.invitesToCircle", { hostName: info.hostName, circleTitle: info.circleTitle })
            : t("hostPages.acceptInvite.invitesToCircles", { hostName: info.hostName })}
        </p>
      )}
      {error && <p role="alert" className="error">{error}</p>}
      {info && (
        <form onSubmit={onSubmit}>
          <AccountFields form={form} setForm={setForm} fields={fields} nameLabel={t("hostPages.acceptInvite.nameLabel")} passwordMin={PASSWORD_MIN} />
          <button type="submit" className="primary">{t("hostPages.acceptInvite.submit")}</button>
        </form>
      )}
    </main>
  );
}
