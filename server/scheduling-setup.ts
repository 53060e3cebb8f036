import { SignInLimiter } from "./accounts/sign-in-limiter.ts";
import { CheckInCounter } from "./checkins/check-in-counter.ts";
import { checkInTokens } from "./checkins/check-in-tokens.ts";
import { openStore } from "./store/open-store.ts";
import { type CircleCatalog, type CircleInfo, openCircle } from "./circles/catalog.ts";
import { type JoinAdmission, storeAdmission } from "./circles/admission.ts";
import { storeCatalog } from "./circles/store-catalog.ts";
import { type Clock, type ControllableClock, controllableClock, systemClock } from "./clock.ts";
import type { Config } from "./config.ts";
import { log } from "./log.ts";
import type { ScheduleServices } from "./services.ts";
import type { Db } from "./store/db.ts";

/** The durable side of one Hearth process: store, clock, catalog and room admission. */
export interface Scheduling {
  db: Db;
  clock: Clock;
  /** Present only when a settable clock is allowed (tests). */
  testClock?: ControllableClock;
  catalog: CircleCatalog;
  admission: JoinAdmission;
  services: ScheduleServices;
  close(): Promise<void>;
}

export function fakeClockAllowed(config: Pick<Config, "ALLOW_FAKE_CLOCK">): boolean {
  return process.env.NODE_ENV === "test" || config.ALLOW_FAKE_CLOCK === "1";
}

export async function openScheduling(config: Config): Promise<Scheduling> {
  const db = await openStore({ databaseUrl: config.DATABASE_URL, dataDir: config.DATA_DIR });
  let testClock: ControllableClock | undefined;
  if (fakeClockAllowed(config)) {
    testClock = controllableClock(config.HEARTH_FAKE_NOW ? new Date(config.HEARTH_FAKE_NOW) : new Date());
  } else if (config.HEARTH_FAKE_NOW) {
    log.warn("HEARTH_FAKE_NOW is ignored: it needs NODE_ENV=test or ALLOW_FAKE_CLOCK=1");
  }
  const clock: Clock = testClock ?? systemClock;
  const open: CircleInfo[] = config.OPEN_CIRCLE === "on" ? [openCircle(config.OPEN_CIRCLE_TITLE, config.OPEN_CIRCLE_CAPACITY)] : [];
  const services: ScheduleServices = {
    db,
    clock,
    signInLimiter: new SignInLimiter(clock),
    publicUrl: config.PUBLIC_URL,
    testClock,
    checkIns: new CheckInCounter(db, checkInTokens(config.TICKET_SECRET, () => clock.now().getTime()), () => clock.now().getTime()),
  };
  return {
    db,
    clock,
    testClock,
    catalog: storeCatalog(db, open),
    admission: storeAdmission(db, clock, { trustProxy: Boolean(config.TRUST_PROXY), publicUrl: config.PUBLIC_URL }),
    services,
    close: () => db.close(),
  };
}
