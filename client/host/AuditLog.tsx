import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import type { AuditEntryView } from "../../shared/scheduling-api.ts";
import { api, errorText } from "../schedule/api.ts";
import { formatWhen } from "../schedule/time.ts";

/** Who did what, when: the host's and their facilitators' actions. Never what anyone said. */
export function AuditLog({ circleId }: { circleId?: string }) {
  const { t } = useTranslation();
  const [entries, setEntries] = useState<AuditEntryView[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    api<{ entries: AuditEntryView[] }>(`/api/host/audit${circleId ? `?circleId=${circleId}` : ""}`)
      .then((b) => setEntries(b.entries))
      .catch((e: unknown) => setError(errorText(e)));
  }, [circleId]);
  return (
    <section aria-labelledby="audit-heading">
      <h2 id="audit-heading">{t("hostPages.audit.heading")}</h2>
      {error && <p role="alert" className="error">{error}</p>}
      {entries?.length === 0 && <p className="muted">{t("hostPages.audit.empty")}</p>}
      {entries && entries.length > 0 && (
        <table className="table">
          <thead><tr><th>{t("hostPages.audit.when")}</th><th>{t("hostPages.audit.who")}</th><th>{t("hostPages.audit.action")}</th><th>{t("hostPages.audit.target")}</th></tr></thead>
          <tbody>
            {entries.map((e) => (
              <tr key={e.id}>
                <td>{formatWhen(e.at)}</td>
                <td>{e.actorName ?? t(`hostPages.audit.actor_${e.actorKind}`, { defaultValue: e.actorKind })}</td>
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
