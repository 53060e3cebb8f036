import type { CheckInMoment } from "../../shared/checkins.ts";
import type { Db } from "../store/db.ts";
import { CHECKIN_TOKEN_TTL_MS, type CheckInTokens, type CheckInTokenPayload } from "./check-in-tokens.ts";
import { type CheckInEntry, countCheckIn } from "./checkins-store.ts";

const MAX_REMEMBERED = 200_000;

/**
 * Counts check-ins, at most one per moment for each nonce (a seat in one session). What was
 * counted is remembered in memory only, by nonce, for as long as its token lives: nothing ties a
 * count to a person, in the store or anywhere else. (With several processes a nonce could be
 * counted once per process through the after-session page; the room itself answers once.)
 */
export class CheckInCounter {
  /** `${nonce}:${moment}` → when it may be forgotten. */
  private readonly counted = new Map<string, number>();

  constructor(
    private readonly db: Db,
    readonly tokens: CheckInTokens,
    private readonly now: () => number = Date.now,
  ) {}

  done(nonce: string): CheckInMoment[] {
    return (["before", "after"] as const).filter((m) => this.counted.has(`${nonce}:${m}`));
  }

  /** False when this nonce has already checked in at this moment (nothing is counted twice). */
  async count(payload: Pick<CheckInTokenPayload, "circleId" | "sessionKey" | "start" | "nonce">, entry: Pick<CheckInEntry, "moment" | "mood" | "wantsCheckIn">): Promise<boolean> {
    const key = `${payload.nonce}:${entry.moment}`;
    if (this.counted.has(key)) return false;
    this.forgetExpired();
    this.counted.set(key, this.now() + CHECKIN_TOKEN_TTL_MS);
    try {
      await countCheckIn(this.db, { circleId: payload.circleId, sessionKey: payload.sessionKey, sessionStart: new Date(payload.start), ...entry });
    } catch (error) {
      this.counted.delete(key);
      throw error;
    }
    return true;
  }

  private forgetExpired(): void {
    const now = this.now();
    for (const [key, until] of this.counted) {
      if (until > now && this.counted.size < MAX_REMEMBERED) break; // oldest first: the rest are younger
      this.counted.delete(key);
    }
  }
}
