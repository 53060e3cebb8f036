import type { Clock } from "../clock.ts";

export const SIGN_IN_ATTEMPTS_PER_MINUTE = 5;

/**
 * Counts sign-in attempts per IP and email in a sliding minute. Kept in memory: each process
 * limits on its own, which still bounds guessing to N × 5 a minute behind N processes.
 */
export class SignInLimiter {
  private attempts = new Map<string, number[]>();

  constructor(
    private readonly clock: Clock,
    private readonly limit = SIGN_IN_ATTEMPTS_PER_MINUTE,
    private readonly windowMs = 60_000,
  ) {}

  /** Records an attempt. Returns 0 when allowed, else the seconds to wait. */
  attempt(ip: string, email: string): number {
    const key = `${ip}\u0000${email.trim().toLowerCase()}`;
    const now = this.clock.now().getTime();
    const recent = (this.attempts.get(key) ?? []).filter((t) => now - t < this.windowMs);
    if (recent.length >= this.limit) {
      this.attempts.set(key, recent);
      return Math.max(1, Math.ceil((recent[0]! + this.windowMs - now) / 1000));
    }
    recent.push(now);
    this.attempts.set(key, recent);
    if (this.attempts.size > 10_000) this.prune(now);
    return 0;
  }

  private prune(now: number): void {
    for (const [key, times] of this.attempts) {
      if (times.every((t) => now - t >= this.windowMs)) this.attempts.delete(key);
    }
  }
}
