import type { Room } from "@colyseus/core";
import { notice } from "../../shared/notices.ts";
import type { NoticeMessage } from "../../shared/protocol.ts";
import { log } from "../log.ts";

/** Without SESSION_OVERRUN_MINUTES: ten minutes to finish a share and say goodbye. */
export const SESSION_OVERRUN_MS_DEFAULT = 10 * 60_000;

export interface SessionTimingHost {
  readonly roomId: string;
  readonly clock: Room["clock"];
  now(): number;
  /** Early arrivals come in at the start time (unless the session is locked). */
  started(): void;
  /** Tells everyone, stops newcomers and closes every connection shortly after. */
  close(notice: NoticeMessage): void;
  /** To everyone in the circle. */
  broadcast(notice: NoticeMessage): void;
}

/**
 * When a scheduled session starts and ends: early arrivals wait until the start; at the end
 * time everyone is told, and the overrun later the room closes, as if a facilitator ended it.
 * The always-open circle has neither.
 */
export class SessionTiming {
  private startsAt = 0;

  constructor(
    private readonly host: SessionTimingHost,
    private readonly overrunMs = SESSION_OVERRUN_MS_DEFAULT,
  ) {}

  /** Before the scheduled start: newcomers wait in the waiting room. */
  beforeStart(): boolean {
    return this.host.now() < this.startsAt;
  }

  /** Call once, in onCreate, for a scheduled session. */
  schedule(startsAt: number, endsAt: number): void {
    this.startsAt = startsAt;
    const untilStart = startsAt - this.host.now();
    if (untilStart > 0) this.host.clock.setTimeout(() => this.host.started(), untilStart);
    this.host.clock.setTimeout(() => {
      this.host.broadcast(notice("session-time-up", this.overrunMs / 60_000));
      log.info({ roomId: this.host.roomId }, "scheduled end reached");
      this.host.clock.setTimeout(() => this.host.close(notice("session-ended", "schedule")), this.overrunMs);
    }, Math.max(0, endsAt - this.host.now()));
  }
}
