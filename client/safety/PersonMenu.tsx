import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useStore } from "zustand";
import { isFacilitator } from "../../shared/circle-state.ts";
import { isPrivateTalk } from "../../shared/facilitation.ts";
import { sendFacilitatorAction } from "../net/connection.ts";
import { useSelf } from "../net/useConnection.ts";
import { ReportDialog } from "./ReportDialog.tsx";
import { block, muteForMe, safety, unblock } from "./session.ts";

/** Per person in the people list: mute for me, report, block; for a facilitator, a private conversation. */
export function PersonMenu({ id, pseudonym, facilitator }: { id: string; pseudonym: string; facilitator: boolean }) {
  const { t } = useTranslation();
  const canTalkPrivately = useSelf((me) => isFacilitator(me) && !isPrivateTalk(me?.space ?? ""));
  const [open, setOpen] = useState(false);
  const [reporting, setReporting] = useState(false);
  const muted = useStore(safety, (s) => s.mutedForMe.includes(id));
  return (
    <span className="person-menu">
      <button type="button" className="icon" aria-expanded={open} aria-label={`Safety options for ${pseudonym}`} onClick={() => setOpen(!open)}>
        ⋯
      </button>
      {open && (
        <span className="person-menu-items" role="menu">
          <button type="button" role="menuitem" onClick={() => muteForMe(id, !muted)}>
            {muted ? "Unmute for me" : "Mute for me"}
          </button>
          {canTalkPrivately && (
            <button type="button" role="menuitem" onClick={() => (sendFacilitatorAction({ action: "talkPrivately", target: id }), setOpen(false))}>
              {t("privateTalk.start")}
            </button>
          )}
          <button type="button" role="menuitem" onClick={() => (setReporting(true), setOpen(false))}>Report…</button>
          {!facilitator && (
            <button
              type="button"
              role="menuitem"
              className="danger"
              onClick={() => {
                if (confirm(`Block ${pseudonym}? You won't see or hear each other, here or in later circles.`)) block(id);
                setOpen(false);
              }}
            >
              Block
            </button>
          )}
        </span>
      )}
      {reporting && <ReportDialog id={id} pseudonym={pseudonym} onClose={() => setReporting(false)} />}
    </span>
  );
}

/** The people you blocked who are here (hidden from you), to unblock. */
export function BlockedPeople() {
  const blocked = useStore(safety, (s) => s.blocked);
  if (blocked.length === 0) return null;
  return (
    <details className="blocked-people">
      <summary>Blocked ({blocked.length})</summary>
      <ul>
        {blocked.map((b) => (
          <li key={b.id}>
            {b.pseudonym} <button type="button" onClick={() => unblock(b.id)}>Unblock</button>
          </li>
        ))}
      </ul>
    </details>
  );
}
