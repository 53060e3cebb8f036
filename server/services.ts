import type { CheckInCounter } from "./checkins/check-in-counter.ts";
import type { SignInLimiter } from "./accounts/sign-in-limiter.ts";
import type { Clock, ControllableClock } from "./clock.ts";
import type { PushServices } from "./push/push-service.ts";
import type { Db } from "./store/db.ts";

/** What the scheduling, account and participant APIs work with. */
export interface ScheduleServices {
  db: Db;
  clock: Clock;
  signInLimiter: SignInLimiter;
  /** Base for absolute links (ICS, invitations), e.g. https://hearth.example.org; else taken from the request. */
  publicUrl?: string;
  /** Present only when a settable clock was allowed (tests): exposes /api/test/clock. */
  testClock?: ControllableClock;
  /** Web Push (VAPID keys, allowed endpoints); undefined with PUSH=off. */
  push?: PushServices;
  /** Anonymous check-in counts (server/checkins/); undefined where nothing is stored. */
  checkIns?: CheckInCounter;
}
