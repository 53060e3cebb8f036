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
      <button type="button" className="icon" aria-expanded={open} aria-label={t("person.optionsFor", { name: pseudonym })} onClick={() => setOpen(!open)}>
        ⋯
      </button>
      {open && (
        <span className="person-menu-items" role="menu">
          <button type="button" role="menuitem" onClick={() => muteForMe(id, !muted)}>
            {muted ? t("person.unmuteForMe") : t("person.muteForMe")}
          </button>
          {canTalkPrivately && (
            <button type="button" role="menuitem" onClick={() => (sendFacilitatorAction({ action: "talkPrivately", target: id }), setOpen(false))}>
              {t("privateTalk.start")}
            </button>
          )}
          <button type="button" role="menuitem" onClick={() => (setReporting(true), setOpen(false))}>{t("person.report")}</button>
          {!facilitator && (
            <button
              type="button"
              role="menuitem"
              className="danger"
              onClick={() => {
                if (confirm(t("person.confirmBlock", { name: pseudonym }))) block(id);
                setOpen(false);
              }}
            >
              {t("person.block")}
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
  const { t } = useTranslation();
  const blocked = useStore(safety, (s) => s.blocked);
  if (blocked.length === 0) return null;
  return (
    <details className="blocked-people">
      <summary>{t("person.blocked", { count: blocked.length })}</summary>
      <ul>
        {blocked.map((b) => (
          <li key={b.id}>
            {b.pseudonym} <button type="button" onClick={() => unblock(b.id)}>{t("person.unblock")}</button>
          </li>
        ))}
      </ul>
    </details>
  );
}
