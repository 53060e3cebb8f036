import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import type { HostCircle } from "../../shared/scheduling-api.ts";
import { Link } from "../routing.ts";
import { api, errorText } from "../schedule/api.ts";
import { InviteFacilitator } from "./InviteFacilitator.tsx";

export function CirclesList() {
  const { t } = useTranslation();
  const [circles, setCircles] = useState<HostCircle[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    api<{ circles: HostCircle[] }>("/api/host/circles")
      .then((b) => setCircles(b.circles))
      .catch((e: unknown) => setError(errorText(e)));
  }, []);
  return (
    <>
      <h1>{t("host.yourCircles")}</h1>
      {error && <p role="alert" className="error">{error}</p>}
      {circles?.length === 0 && <p>{t("host.noCircles")}</p>}
      <ul className="session-list">
        {circles?.map((c) => (
          <li key={c.id} className="session-card">
            <Link to={`/host/circles/${c.id}`}><strong>{c.title}</strong></Link>
            <span className="muted">
              {c.visibility === "invite" ? t("host.inviteOnly") : t("host.public")} · {t("host.places", { count: c.capacity })} · {c.language} ·{" "}
              {c.topicTags.map((tag) => `#${tag}`).join(" ")}
            </span>
          </li>
        ))}
      </ul>
      <p><Link to="/host/circles/new" className="button-link">{t("host.createCircle")}</Link></p>
      <InviteFacilitator />
    </>
  );
}
