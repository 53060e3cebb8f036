import { useEffect, useRef } from "react";
import { useStore } from "zustand";
import { crisisResources, loadCrisisResources, orderedCountries } from "./crisis.ts";
import { safety, setCrisisOpen } from "./session.ts";
import { xrPresence } from "../xr/presence.ts";

/** "Crisis support": the deployment's hotlines by country, with the plain emergency advice first. */
export function CrisisPanel() {
  // In VR the same resources float in the scene instead (XRCrisisPanel): a headset shows no DOM.
  const requested = useStore(safety, (s) => s.crisisOpen);
  const inVR = useStore(xrPresence, (s) => s.active);
  const open = requested && !inVR;
  const resources = useStore(crisisResources, (s) => s.resources);
  const dialog = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    if (open) void loadCrisisResources();
    if (open && !dialog.current?.open) dialog.current?.showModal();
    if (!open && dialog.current?.open) dialog.current.close();
  }, [open]);
  if (!open) return null;
  return (
    <dialog ref={dialog} className="safety-dialog crisis" aria-labelledby="crisis-title" onClose={() => setCrisisOpen(false)}>
      <h2 id="crisis-title">Crisis support</h2>
      <p>{resources.intro}</p>
      <p className="emergency"><strong>{resources.emergency}</strong></p>
      {orderedCountries(resources).map((c) => (
        <section key={c.country + c.name} aria-label={c.name}>
          <h3>{c.name}</h3>
          <ul>
            {c.lines.map((line) => (
              <li key={line.name}>
                <strong>{line.name}</strong>
                {line.contact && <> · <a href={`tel:${line.contact.replace(/[^\d+]/g, "")}`}>{line.contact}</a></>}
                {line.hours && <span className="muted"> · {line.hours}</span>}
                {line.url && <> · <a href={line.url} target="_blank" rel="noreferrer">{new URL(line.url).host}</a></>}
              </li>
            ))}
          </ul>
        </section>
      ))}
      <div className="dialog-actions">
        <button type="button" className="primary" onClick={() => setCrisisOpen(false)}>Close</button>
      </div>
    </dialog>
  );
}

/** An always-visible way to the crisis resources. */
export function CrisisButton({ className = "crisis-button" }: { className?: string }) {
  return (
    <button type="button" className={className} onClick={() => setCrisisOpen(true)}>
      Crisis support
    </button>
  );
}

/** The same, as a link-styled button inside text. */
export function CrisisLink() {
  return (
    <button type="button" className="link" onClick={() => setCrisisOpen(true)}>
      Crisis support
    </button>
  );
}
