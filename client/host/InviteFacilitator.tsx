import { useState } from "react";
import { useTranslation } from "react-i18next";
import { api, errorText } from "../schedule/api.ts";

/** Makes a single-use facilitator invitation link (valid 7 days), optionally for one circle. */
export function InviteFacilitator({ circleId }: { circleId?: string }) {
  const { t } = useTranslation();
  const [link, setLink] = useState<{ url: string; expiresAt: string } | null>(null);
  const [error, setError] = useState<string | null>(null);
  async function create() {
    try {
      setLink(await api<{ url: string; expiresAt: string }>("/api/host/invitations", { method: "POST", body: circleId ? { circleId } : {} }));
      setError(null);
    } catch (e) {
      setError(errorText(e));
    }
  }
  return (
    <section aria-label={t("hostPages.invite.heading")}>
      <h2>{t("hostPages.invite.heading")}</h2>
      <p className="muted">{t("hostPages.invite.note")}</p>
      <button type="button" onClick={create}>{t("hostPages.invite.create")}</button>
      {link && (
        <div className="copy">
          <input readOnly value={link.url} aria-label={t("hostPages.invite.linkLabel")} onFocus={(e) => e.target.select()} />
          <button type="button" onClick={() => void navigator.clipboard?.writeText(link.url)}>{t("hostPages.invite.copy")}</button>
        </div>
      )}
      {error && <p role="alert" className="error">{error}</p>}
    </section>
  );
}
