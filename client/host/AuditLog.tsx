import { useEffect, useState } from "react";
import type { AuditEntryView } from "../../shared/scheduling-api.ts";
import { api, errorText } from "../schedule/api.ts";
import { formatWhen } from "../schedule/time.ts";

/** Who did what, when: the host's and their facilitators' actions. Never what anyone said. */
export function AuditLog({ circleId }: { circleId?: string }) {
  const [entries, setEntries] = useState<AuditEntryView[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    api<{ entries: AuditEntryView[] }>(`/api/host/audit${circleId ? `?circleId=${circleId}` : ""}`)
      .then((b) => setEntries(b.entries))
      .catch((e: unknown) => setError(errorText(e)));
  }, [circleId]);
  return (
    <section aria-labelledby="audit-heading">
      <h2 id="audit-heading">Audit log</h2>
      {error && <p role="alert" className="error">{error}</p>}
      {entries?.length === 0 && <p className="muted">Nothing yet.</p>}
      {entries && entries.length > 0 && (
        <table className="table">
          <thead><tr><th>When</th><th>Who</th><th>Action</th><th>Target</th></tr></thead>
          <tbody>
            {entries.map((e) => (
              <tr key={e.id}>
                <td>{formatWhen(e.at)}</td>
                <td>{e.actorName ?? e.actorKind}</td>
                <td>{e.action}</td>
                <td className="muted">{e.sessionId ?? e.target ?? ""}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
