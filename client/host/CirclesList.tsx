import { useEffect, useState } from "react";
import type { HostCircle } from "../../shared/scheduling-api.ts";
import { Link } from "../routing.ts";
import { api, errorText } from "../schedule/api.ts";
import { InviteFacilitator } from "./InviteFacilitator.tsx";

export function CirclesList() {
  const [circles, setCircles] = useState<HostCircle[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    api<{ circles: HostCircle[] }>("/api/host/circles")
      .then((b) => setCircles(b.circles))
      .catch((e: unknown) => setError(errorText(e)));
  }, []);
  return (
    <>
      <h1>Your circles</h1>
      {error && <p role="alert" className="error">{error}</p>}
      {circles?.length === 0 && <p>You have no circles yet.</p>}
      <ul className="session-list">
        {circles?.map((c) => (
          <li key={c.id} className="session-card">
            <Link to={`/host/circles/${c.id}`}><strong>{c.title}</strong></Link>
            <span className="muted">
              {c.visibility === "invite" ? "invite-only" : "public"} · {c.capacity} places · {c.language} · {c.topicTags.map((t) => `#${t}`).join(" ")}
            </span>
          </li>
        ))}
      </ul>
      <p><Link to="/host/circles/new" className="button-link">Create a circle</Link></p>
      <InviteFacilitator />
    </>
  );
}
