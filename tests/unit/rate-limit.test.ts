import { describe, expect, it } from "vitest";
import { TokenBucket } from "../../server/rooms/rate-limit.ts";

/** A hand-driven clock in milliseconds. */
function fakeClock(start = 1_000_000) {
  let now = start;
  return { now: () => now, advance: (ms: number) => void (now += ms) };
}

const takeAll = (bucket: TokenBucket, tries: number): number => {
  let granted = 0;
  for (let i = 0; i < tries; i++) if (bucket.take()) granted++;
  return granted;
};

describe("a token bucket", () => {
  it("allows a full burst at once, then refuses", () => {
    const clock = fakeClock();
    const bucket = new TokenBucket(5, 10, clock.now);
    expect(takeAll(bucket, 10)).toBe(10);
    expect(bucket.take()).toBe(false);
  });

  it("refills at the sustained rate", () => {
    const clock = fakeClock();
    const bucket = new TokenBucket(5, 10, clock.now);
    takeAll(bucket, 10);
    clock.advance(199);
    expect(bucket.take()).toBe(false);
    clock.advance(1);
    expect(bucket.take()).toBe(true);
    expect(bucket.take()).toBe(false);
    clock.advance(1000);
    expect(takeAll(bucket, 20)).toBe(5);
  });

  it("accumulates fractions of a token across calls", () => {
    const clock = fakeClock();
    const bucket = new TokenBucket(2, 1, clock.now);
    expect(bucket.take()).toBe(true);
    clock.advance(250);
    expect(bucket.take()).toBe(false);
    clock.advance(250);
    expect(bucket.take()).toBe(true);
  });

  it("never saves up more than the burst, however long it is idle", () => {
    const clock = fakeClock();
    const bucket = new TokenBucket(30, 30, clock.now);
    takeAll(bucket, 30);
    clock.advance(60 * 60 * 1000);
    expect(takeAll(bucket, 100)).toBe(30);
  });

  it("holds a steady sender at the sustained rate", () => {
    const clock = fakeClock();
    const bucket = new TokenBucket(30, 30, clock.now);
    takeAll(bucket, 30);
    let granted = 0;
    for (let ms = 0; ms < 10_000; ms += 10) {
      clock.advance(10);
      if (bucket.take()) granted++; // someone trying at 100 Hz
    }
    expect(granted).toBeGreaterThanOrEqual(299);
    expect(granted).toBeLessThanOrEqual(300);
  });

  it("uses the real clock when none is given", () => {
    const bucket = new TokenBucket(1, 2);
    expect(takeAll(bucket, 3)).toBe(2);
  });

  it("does not punish a client when the wall clock steps backwards", () => {
    const clock = fakeClock();
    const bucket = new TokenBucket(10, 10, clock.now);
    takeAll(bucket, 5);
    clock.advance(-60_000); // NTP correction
    expect(takeAll(bucket, 10)).toBe(5);
    clock.advance(1000);
    expect(takeAll(bucket, 20)).toBe(10);
  });
});
