import { useState } from "react";
import type { BanView } from "../../shared/scheduling-api.ts";
import { api, errorText } from "../schedule/api.ts";
import { useResource } from "../schedule/useResource.ts";
import { formatWhen } from "../schedule/time.ts";

/** Who facilitators banned from this circle (anonymous: when, and by whom), and lifting a ban. */
export function CircleBans({ circleId, onChanged }: { circleId: string; onChanged: () => void }) {
  const resource = useResource(circleId, () => api<{ bans: BanView[] }>(`/api/host/circles/${circleId}/bans`));
  const [error, setError] = useState<string | null>(null);
  const bans = resource.data?.bans;

  async function lift(ban: BanView) {
    if (!confirm("Lift this ban? The person will be able to register for and join this circle again.")) return;
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
      <h2 id="bans-heading">Bans</h2>
      {(error ?? resource.error) && <p role="alert" className="error">{error ?? resource.error}</p>}
      {bans?.length === 0 && <p className="muted">Nobody is banned from this circle.</p>}
      {bans && bans.length > 0 && (
        <ul className="session-list">
          {bans.map((ban) => (
            <li key={ban.id} className="session-card">
              <span>Banned {formatWhen(ban.bannedAt)}{ban.bannedBy ? ` by ${ban.bannedBy}` : ""}</span>
              <span className="actions">
                <button type="button" onClick={() => void lift(ban)}>Lift ban</button>
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
