import { useEffect, useState } from "react";
import { useStore } from "zustand";
import { useConnection } from "../net/useConnection.ts";
import { CrisisLink } from "./CrisisPanel.tsx";
import { ReferralList } from "./ReferralList.tsx";
import { loadReferrals, referrals } from "./referrals.ts";

/**
 * After a circle (it ended, or you left): the services its host recommends, and the crisis
 * lines. The directory was fetched whole; nothing here reports what you open.
 */
export function AfterCircle() {
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
    <aside className="after-circle" aria-label="After the circle">
      <h2>After the circle</h2>
      <p>
        If today stirred things up, you don't have to hold it alone. Peer support is not counselling: these services can help
        {entries.length === 0 && " (your circle's host has not listed any yet)"}. <CrisisLink /> is always one click away.
      </p>
      <ReferralList entries={entries} />
      <button type="button" onClick={() => setDismissed(circleId)}>Close</button>
    </aside>
  );
}
