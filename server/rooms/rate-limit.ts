import { ACTION_BURST, ACTIONS_PER_SECOND, POSE_MAX_HZ } from "../../shared/limits.ts";

/** Refused messages forgiven per second, and how many in a row disconnect a client. */
const STRIKES_PER_SECOND = 1;
const STRIKE_BURST = 30;

/** A token bucket: `ratePerSecond` sustained, bursts up to `burst`. */
export class TokenBucket {
  private tokens: number;
  private last: number;

  constructor(
    private readonly ratePerSecond: number,
    private readonly burst: number,
    private readonly now: () => number = Date.now,
  ) {
    this.tokens = burst;
    this.last = now();
  }

  take(): boolean {
    const t = this.now();
    this.tokens = Math.min(this.burst, this.tokens + (Math.max(0, t - this.last) / 1000) * this.ratePerSecond);
    this.last = t;
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }
}

/** The buckets each client of a circle room draws from. */
export interface ClientLimits {
  /** Poses: POSE_MAX_HZ sustained; extra poses are dropped quietly. */
  pose: TokenBucket;
  /** Every other action (hand, mute, facilitation, …): a few per second. Chat has its own window (server/rooms/chat.ts). */
  action: TokenBucket;
  /** Each refused message costs a strike; a client out of strikes is disconnected. */
  strikes: TokenBucket;
}

export type MessageBucket = "pose" | "action";

export function bucketFor(type: string): MessageBucket {
  return type === "pose" ? "pose" : "action";
}

export function newClientLimits(now: () => number = Date.now): ClientLimits {
  return {
    pose: new TokenBucket(POSE_MAX_HZ, POSE_MAX_HZ, now),
    action: new TokenBucket(ACTIONS_PER_SECOND, ACTION_BURST, now),
    strikes: new TokenBucket(STRIKES_PER_SECOND, STRIKE_BURST, now),
  };
}
