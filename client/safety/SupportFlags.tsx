import { useStore } from "zustand";
import { CRISIS_CATEGORY_LABELS } from "../../shared/crisis/types.ts";
import { dismissFlag, support } from "./support.ts";

const time = (at: number) => new Date(at).toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" });

/**
 * Facilitators: "someone may need support", privately. Who and what kind, never their words.
 * Each item carries data-support-participant so a private conversation can be opened from it.
 */
export function SupportFlags() {
  const flags = useStore(support, (s) => s.flags);
  if (flags.length === 0) return null;
  return (
    <section aria-label="Someone may need support" className="support-flags">
      <h3>Someone may need support <span className="badge alert">{flags.length}</span></h3>
      <p className="muted">Only facilitators see this. Reach out gently and privately; their words were not kept.</p>
      <ol>
        {flags.map((f) => (
          <li key={f.id} data-support-flag={f.id} data-support-participant={f.participantId}>
            <div>
              <strong>{f.pseudonym}</strong>
              {f.category && <> · {CRISIS_CATEGORY_LABELS[f.category]}</>}{" "}
              <span className="muted">
                {time(f.at)} · {f.source === "request" ? "asked to talk to a facilitator privately" : "noticed in their chat message"}
              </span>
            </div>
            <button type="button" onClick={() => dismissFlag(f.id)}>Dismiss</button>
          </li>
        ))}
      </ol>
    </section>
  );
}
