import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useStore } from "zustand";
import { assessCrisis } from "../../shared/crisis/detector.ts";
import { setCrisisOpen } from "../safety/session.ts";
import { offerSupportBeforeSending, support } from "../safety/support.ts";
import { useNow } from "../safety/useNow.ts";

/**
 * The writer's own device reads their message before it is sent. When it shows crisis language,
 * the crisis resources open privately and the message waits; sending it again sends it as it is.
 * Nothing leaves the device for this check.
 */
export function useCrisisCheck() {
  const [held, setHeld] = useState<string | null>(null);
  return {
    held,
    /** True when `text` may go now; false when it is held for the check (the resources are open). */
    mayGo(text: string): boolean {
      if (held === text) return true;
      const result = assessCrisis(text);
      if (!result.flagged || !result.category) return true;
      setHeld(text);
      offerSupportBeforeSending(result.category);
      return false;
    },
    reset: () => setHeld(null),
  };
}

/** Under the message while it waits: send it anyway, change it, or see the support again. */
export function CrisisCheckNote({ onEdit }: { onEdit: () => void }) {
  const { t } = useTranslation();
  return (
    <div className="personal-detail-check crisis-check" role="alertdialog" aria-labelledby="crisis-check-text">
      <p id="crisis-check-text"><strong>{t("controls.waitingMessage")}</strong> {t("controls.onlyYou")}</p>
      <p className="muted">{t("controls.supportOneClick")}</p>
      <div className="dialog-actions">
        <button type="button" onClick={() => setCrisisOpen(true)}>{t("controls.seeSupport")}</button>
        <button type="button" onClick={onEdit}>{t("controls.editMessage")}</button>
        <button type="submit" className="primary">{t("controls.sendIt")}</button>
      </div>
    </div>
  );
}

/** Seconds left of your own chat cool-down (0 when you may write). */
export function useChatCoolDown(selfId: string | null): number {
  const until = useStore(support, (s) => (selfId ? s.coolDowns[selfId] : undefined));
  const now = useNow(until !== undefined);
  return until === undefined ? 0 : Math.ceil(Math.max(0, until - now) / 1000);
}
