import type { TFunction } from "i18next";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { templateName } from "../../shared/guide-templates.ts";
import type { CircleGuide } from "../../shared/guides.ts";
import type { HostCircle } from "../../shared/scheduling-api.ts";
import { currentLanguage } from "../i18n/index.ts";
import { Link } from "../routing.ts";
import { api, errorText } from "../schedule/api.ts";
import { TopicTags } from "../schedule/TopicTags.tsx";
import { InviteFacilitator } from "./InviteFacilitator.tsx";

/** "guide: 6 steps, from “Classic circle (six steps)”": its steps, and the template they started from. */
function guideSummary(guide: CircleGuide, t: TFunction): string {
  const name = guide.template ? templateName(guide.template, currentLanguage()) : undefined;
  const count = guide.steps.length;
  return name ? t("topics.hasGuide", { name, count }) : t("topics.hasOwnGuide", { count });
}

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
            <TopicTags circle={c} />
            <span className="muted">
              {c.visibility === "invite" ? t("host.inviteOnly") : t("host.public")} · {t("host.places", { count: c.capacity })} · {c.language}
              {c.guide && ` · ${guideSummary(c.guide, t)}`}
            </span>
          </li>
        ))}
      </ul>
      <p><Link to="/host/circles/new" className="button-link">{t("host.createCircle")}</Link></p>
      <InviteFacilitator />
    </>
  );
}
