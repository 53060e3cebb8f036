import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { BanView } from "../../shared/scheduling-api.ts";
import { api, errorText } from "../schedule/api.ts";
import { useResource } from "../schedule/useResource.ts";
import { formatWhen } from "../schedule/time.ts";

/** Who facilitators banned from this circle (anonymous: when, and by whom), and lifting a ban. */
export function CircleBans({ circleId, onChanged }: { circleId: string; onChanged: () => void }) {
  const { t } = useTranslation();
  const resource = useResource(circleId, () => api<{ bans: BanView[] }>(`/api/host/circles/${circleId}/bans`));
  const [error, setError] = useState<string | null>(null);
  const bans = resource.data?.bans;

  async function lift(ban: BanView) {
    if (!confirm(t("hostPages.bans.confirmLift"))) return;
    try {
      await api(`/api/host/circles/${circleId}/bans/${ban.id}`, { method: "DELETE" });
      setError(null);
      resource.reload();
      onChanged();
    } catch (e) {
      setError(errorText(e));
    }
  }

  return (
    <section aria-labelledby="bans-heading">
      <h2 id="bans-heading">{t("hostPages.bans.heading")}</h2>
      {(error ?? resource.error) && <p role="alert" className="error">{error ?? resource.error}</p>}
      {bans?.length === 0 && <p className="muted">{t("hostPages.bans.none")}</p>}
      {bans && bans.length > 0 && (
        <ul className="session-list">
          {bans.map((ban) => (
            <li key={ban.id} className="session-card">
              <span>
                {ban.bannedBy
                  ? t("hostPages.bans.bannedAtBy", { when: formatWhen(ban.bannedAt), name: ban.bannedBy })
                  : t("hostPages.bans.bannedAt", { when: formatWhen(ban.bannedAt) })}
              </span>
              <span className="actions">
                <button type="button" onClick={() => void lift(ban)}>{t("hostPages.bans.lift")}</button>
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
