import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { useStore } from "zustand";
import { useConnection } from "../net/useConnection.ts";
import { AfterCheckIn } from "../circle/CheckInCard.tsx";
import { CrisisLink } from "./CrisisPanel.tsx";
import { ReferralList } from "./ReferralList.tsx";
import { loadReferrals, referrals } from "./referrals.ts";

/**
 * After a circle (it ended, or you left): the services its host recommends, and the crisis
 * lines. The directory was fetched whole; nothing here reports what you open.
 */
export function AfterCircle() {
  const { t } = useTranslation();
  const left = useConnection((s) => s.status === "left");
  const circleId = useStore(referrals, (s) => s.lastCircleId);
  const directory = useStore(referrals, (s) => (s.circleId === circleId ? s.directory : null));
  const [dismissed, setDismissed] = useState("");
  useEffect(() => {
    if (left && circleId) void loadReferrals(circleId);
  }, [left, circleId]);
  if (!left || !circleId || dismissed === circleId) return null;
  const entries = directory?.entries ?? [];
  return (
    <aside className="after-circle" aria-label={t("crisis.afterTitle")}>
      <h2>{t("crisis.afterTitle")}</h2>
      <p>
        {t("crisis.afterText")}
        {entries.length === 0 && t("crisis.afterNoneListed")}. <CrisisLink /> {t("crisis.alwaysThere")}
      </p>
      <AfterCheckIn />
      <ReferralList entries={entries} />
      <button type="button" onClick={() => setDismissed(circleId)}>{t("crisis.close")}</button>
    </aside>
  );
}
