import { randomBytes } from "node:crypto";
import { hostname } from "node:os";
import type { Clock } from "../clock.ts";
import { log } from "../log.ts";
import type { Queryable } from "../store/db.ts";
import { type ClaimedNotice, claimDue, finishNotice, type NoticeOutcome, planReminders, releaseExpiredLeases } from "./notices-store.ts";
import { payloadFor } from "./payloads.ts";
import type { PushSender, SendResult } from "./sender.ts";
import { dropSubscription, findSubscription } from "./subscriptions-store.ts";

export interface PushWorkerOptions {
  db: Queryable;
  clock: Clock;
  sender: PushSender;
  /** This process's name on its leases. */
  owner?: string;
  /** How long a claim holds before another process may take the notice again: well past a send's timeout. */
  leaseMs?: number;
  batch?: number;
  pollMs?: number;
  /** Reminders are queued this far ahead of their time. */
  aheadMs?: number;
  /** A reminder later than this is dropped as obsolete. */
  staleMs?: number;
  maxAttempts?: number;
  backoffBaseMs?: number;
  backoffMaxMs?: number;
}

export interface TickReport {
  planned: number;
  released: number;
  sent: number;
  retried: number;
  failed: number;
  obsolete: number;
  dropped: number;
}

const DAY_S = 86_400;

/**
 * Sends queued notices. Each tick: returns to the queue notices whose sender died mid-send, queues
 * reminders falling due, then claims due notices (a committed 'sending' mark and lease before any
 * request goes out) and sends them. Delivery is at least once to the push service and once to the
 * person: a notice is resent only when its sender died before recording the answer, and then with
 * the same Topic and tag (see releaseExpiredLeases). A sent notice is never claimed again.
 */
export class PushWorker {
  private readonly o: Required<Omit<PushWorkerOptions, "db" | "clock" | "sender">> & Pick<PushWorkerOptions, "db" | "clock" | "sender">;
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<unknown> = Promise.resolve();
  private stopped = true;

  constructor(options: PushWorkerOptions) {
    this.o = {
      owner: `${hostname()}:${process.pid}:${randomBytes(4).toString("hex")}`,
      leaseMs: 120_000,
      batch: 20,
      pollMs: 5_000,
      aheadMs: 10 * 60_000,
      staleMs: 15 * 60_000,
      maxAttempts: 8,
      backoffBaseMs: 30_000,
      backoffMaxMs: 60 * 60_000,
      ...options,
    };
  }

  get owner(): string {
    return this.o.owner;
  }

  /** One pass over the queue; resolves once every notice it claimed has an outcome. */
  async tick(): Promise<TickReport> {
    const { db, clock } = this.o;
    const report: TickReport = { planned: 0, released: 0, sent: 0, retried: 0, failed: 0, obsolete: 0, dropped: 0 };
    report.released = await releaseExpiredLeases(db);
    report.planned = await planReminders(db, { now: clock.now(), aheadMs: this.o.aheadMs, staleMs: this.o.staleMs });
    for (let round = 0; round < 10; round++) {
      const claimed = await claimDue(db, this.o.owner, clock.now(), this.o.leaseMs, this.o.batch);
      const outcomes = await Promise.all(claimed.map((notice) => this.deliver(notice)));
      for (const outcome of outcomes) report[outcome]++;
      if (claimed.length < this.o.batch) break;
    }
    return report;
  }

  /** Polls until stopped; a failing tick (database away) is logged and tried again next poll. */
  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    const loop = () => {
      if (this.stopped) return;
      this.running = this.tick()
        .catch((error: unknown) => log.warn({ err: (error as Error).message }, "push worker tick failed"))
        .finally(() => {
          if (!this.stopped) this.timer = setTimeout(loop, this.o.pollMs);
        });
    };
    loop();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
  }

  private async deliver(notice: ClaimedNotice): Promise<keyof Omit<TickReport, "planned" | "released">> {
    const { db, clock } = this.o;
    try {
      const subscription = await findSubscription(db, notice.subscriptionId);
      const now = clock.now();
      const payload = subscription && (await payloadFor(db, notice, now, this.o.staleMs));
      if (!subscription || !payload) {
        await finishNotice(db, notice.id, this.o.owner, { status: "obsolete" });
        return "obsolete";
      }
      const start = payload.start ? Date.parse(payload.start) : now.getTime() + DAY_S * 1000;
      const ttlSeconds = Math.min(28 * DAY_S, Math.max(60, (start - now.getTime()) / 1000));
      const result = await this.o.sender({ subscription, payload, idempotencyKey: notice.idempotencyKey, ttlSeconds });
      return await this.record(notice, result);
    } catch (error) {
      log.warn({ notice: notice.id, err: (error as Error).message }, "push notice could not be sent");
      await finishNotice(db, notice.id, this.o.owner, { status: "failed", httpStatus: null }).catch(() => undefined);
      return "failed";
    }
  }

  private async record(notice: ClaimedNotice, result: SendResult): Promise<keyof Omit<TickReport, "planned" | "released">> {
    const { db, clock, owner } = this.o;
    const now = clock.now();
    let outcome: NoticeOutcome;
    switch (result.kind) {
      case "delivered":
        outcome = { status: "sent", httpStatus: result.status, at: now };
        break;
      case "gone":
        await dropSubscription(db, notice.subscriptionId);
        log.info({ notice: notice.id, subscription: notice.subscriptionId, status: result.status }, "push subscription gone: dropped");
        return "dropped";
      case "refused":
        outcome = { status: "failed", httpStatus: result.status };
        break;
      case "transient":
        outcome = notice.attempts >= this.o.maxAttempts
          ? { status: "failed", httpStatus: result.status }
          : { status: "retry", httpStatus: result.status, notBefore: new Date(now.getTime() + Math.max(this.backoff(notice.attempts), result.retryAfterMs ?? 0)) };
        break;
    }
    await finishNotice(db, notice.id, owner, outcome);
    log.info({ notice: notice.id, kind: notice.kind, outcome: outcome.status, status: result.status }, "push notice");
    return outcome.status === "retry" ? "retried" : outcome.status === "sent" ? "sent" : "failed";
  }

  /** Exponential back-off with jitter: 30 s, 1 min, 2 min… up to an hour. */
  private backoff(attempts: number): number {
    const exact = Math.min(this.o.backoffMaxMs, this.o.backoffBaseMs * 2 ** Math.max(0, attempts - 1));
    return Math.round(exact * (0.8 + Math.random() * 0.4));
  }
}
