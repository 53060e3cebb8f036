import { useTranslation } from "react-i18next";
import type { SessionSummary } from "../../shared/scheduling-api.ts";
import { Link } from "../routing.ts";
import { formatWhen } from "./time.ts";
import { TopicTags } from "./TopicTags.tsx";

/** One session in a list: when (viewer's zone), what, how full. */
export function SessionCard({ session, invite }: { session: SessionSummary; invite?: string | null }) {
  const { t } = useTranslation();
  const href = `/sessions/${session.id}${invite ? `?invite=${encodeURIComponent(invite)}` : ""}`;
  return (
    <li className="session-card">
      <Link to={href}>
        <strong>{session.circle.title}</strong>
      </Link>
      <span>{formatWhen(session.start)}</span>
      <TopicTags circle={session.circle} />
      <span className="muted">
        {session.circle.language}
        {" · "}
        {session.status === "cancelled"
          ? t("common.cancelled")
          : session.placesLeft > 0
            ? t("sessions.placesLeft", { count: session.placesLeft })
            : t("sessions.fullWaitlist")}
      </span>
    </li>
  );
}
