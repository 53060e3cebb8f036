import { useState } from "react";
import { api, errorText } from "../schedule/api.ts";

/** Makes a single-use facilitator invitation link (valid 7 days), optionally for one circle. */
export function InviteFacilitator({ circleId }: { circleId?: string }) {
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
    <section aria-label="Invite a facilitator">
      <h2>Invite a facilitator</h2>
      <p className="muted">The link works once and expires in 7 days. Send it privately.</p>
      <button type="button" onClick={create}>Create an invitation link</button>
      {link && (
        <div className="copy">
          <input readOnly value={link.url} aria-label="Invitation link" onFocus={(e) => e.target.select()} />
          <button type="button" onClick={() => void navigator.clipboard?.writeText(link.url)}>Copy</button>
        </div>
      )}
      {error && <p role="alert" className="error">{error}</p>}
    </section>
  );
}
