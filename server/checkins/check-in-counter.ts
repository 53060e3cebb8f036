import type { Redis } from "ioredis";
import type { CheckInMoment } from "../../shared/checkins.ts";
import { log } from "../log.ts";
import type { Db } from "../store/db.ts";
import { CHECKIN_TOKEN_TTL_MS, type CheckInTokens, type CheckInTokenPayload } from "./check-in-tokens.ts";
import { type CheckInEntry, countCheckIn } from "./checkins-store.ts";

const MAX_REMEMBERED = 200_000;
const sharedKey = (key: string) => `hearth:checkin:${key}`;

/**
 * Counts check-ins, at most one per moment for each nonce (a seat in one session). What was
 * counted is remembered in memory only, by nonce, for as long as its token lives: nothing ties a
 * count to a person, in the store or anywhere else. With several processes (REDIS_URL) the
 * nonces are remembered in Redis too, expiring with their tokens, so the after-session page
 * counts a token once whichever process it reaches.
 */
export class CheckInCounter {
  /** `${nonce}:${moment}` → when it may be forgotten. */
  private readonly counted = new Map<string, number>();
  private redis: Redis | undefined;

  constructor(
    private readonly db: Db,
    readonly tokens: CheckInTokens,
    private readonly now: () => number = Date.now,
  ) {}

  /** Share what was counted with the other processes through this Redis. */
  shareThrough(redis: Redis | undefined): void {
    this.redis = redis;
  }

  done(nonce: string): CheckInMoment[] {
    return (["before", "after"] as const).filter((m) => this.counted.has(`${nonce}:${m}`));
  }

  /** False when this nonce has already checked in at this moment (nothing is counted twice). */
  async count(payload: Pick<CheckInTokenPayload, "circleId" | "sessionKey" | "start" | "nonce">, entry: Pick<CheckInEntry, "moment" | "mood" | "wantsCheckIn">): Promise<boolean> {
    const key = `${payload.nonce}:${entry.moment}`;
    if (this.counted.has(key)) return false;
    this.forgetExpired();
    this.counted.set(key, this.now() + CHECKIN_TOKEN_TTL_MS);
    if (!(await this.claimShared(key))) return false; // counted by another process
    try {
      await countCheckIn(this.db, { circleId: payload.circleId, sessionKey: payload.sessionKey, sessionStart: new Date(payload.start), ...entry });
    } catch (error) {
      this.counted.delete(key);
      await this.redis?.del(sharedKey(key)).catch(() => undefined);
      throw error;
    }
    return true;
  }

  /** True when no process has counted this nonce at this moment yet (and now this one has). */
  private async claimShared(key: string): Promise<boolean> {
    if (!this.redis) return true;
    try {
      return (await this.redis.set(sharedKey(key), "1", "PX", CHECKIN_TOKEN_TTL_MS, "NX")) === "OK";
    } catch (error) {
      // Redis away: this process still counts each nonce once.
      log.warn({ err: String(error) }, "check-in nonces not shared (redis unavailable)");
      return true;
    }
  }

  private forgetExpired(): void {
    const now = this.now();
    for (const [key, until] of this.counted) {
      if (until > now && this.counted.size < MAX_REMEMBERED) break; // oldest first: the rest are younger
      this.counted.delete(key);
    }
  }
}
