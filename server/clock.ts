/** Where services read the time. Injected, so tests and the browser test can set it. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** A clock that runs with real time from a chosen start; `set` jumps it, `advance` moves it on. */
export interface ControllableClock extends Clock {
  set(instant: Date): void;
  advance(ms: number): void;
}

export function controllableClock(start: Date = new Date(), realNow: () => number = Date.now): ControllableClock {
  let offset = start.getTime() - realNow();
  return {
    now: () => new Date(realNow() + offset),
    set(instant) {
      offset = instant.getTime() - realNow();
    },
    advance(ms) {
      offset += ms;
    },
  };
}

/** A clock that only moves when told to: for unit and API tests. */
export function fixedClock(start: Date): ControllableClock {
  let t = start.getTime();
  return {
    now: () => new Date(t),
    set(instant) {
      t = instant.getTime();
    },
    advance(ms) {
      t += ms;
    },
  };
}
