import { createStore } from "zustand/vanilla";
import type { ReferralDirectory } from "../../shared/referrals.ts";
import { referralsPath } from "../../shared/safety.ts";
import { connection } from "../net/connection.ts";

/**
 * The referral directory of the circle you are in (or were last in), fetched whole, once per
 * circle: the server never learns which entry anyone looked at or opened.
 */
export const referrals = createStore<{ circleId: string; directory: ReferralDirectory | null; lastCircleId: string }>(() => ({
  circleId: "",
  directory: null,
  lastCircleId: "",
}));

const loading = new Map<string, Promise<void>>();

export function loadReferrals(circleId: string): Promise<void> {
  if (!circleId) return Promise.resolve();
  if (referrals.getState().circleId === circleId && referrals.getState().directory) return Promise.resolve();
  let pending = loading.get(circleId);
  if (!pending) {
    pending = fetch(referralsPath(circleId), { credentials: "omit", referrerPolicy: "no-referrer" })
      .then((r) => (r.ok ? (r.json() as Promise<ReferralDirectory>) : Promise.reject(new Error(String(r.status)))))
      .then((directory) => referrals.setState({ circleId, directory }))
      .catch(() => undefined)
      .finally(() => loading.delete(circleId));
    loading.set(circleId, pending);
  }
  return pending;
}

// Remembers the circle of the room you are in, so the directory is there after it ends too.
connection.subscribe((s) => {
  const circleId = (s.room?.state as { circleId?: string } | undefined)?.circleId;
  if (circleId && referrals.getState().lastCircleId !== circleId) referrals.setState({ lastCircleId: circleId });
});
