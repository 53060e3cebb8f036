import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { cancelPoseFlush, requestPoseFlush, setPoseFlushWindow } from "../../server/rooms/pose-flush.ts";

function relay(roomId: string) {
  return { roomId, flushes: [] as number[], flushPending(this: { flushes: number[] }) { this.flushes.push(Date.now()); } };
}

describe("when new poses ask for a flush", () => {
  beforeEach(() => vi.useFakeTimers({ now: 0 }));
  afterEach(() => {
    setPoseFlushWindow(0);
    vi.useRealTimers();
  });

  it("without a window, flushes each circle once after the turn, however often it asked", async () => {
    const [a, b] = [relay("a"), relay("b")];
    for (let i = 0; i < 5; i++) requestPoseFlush(a);
    requestPoseFlush(b);
    expect(a.flushes).toEqual([]);
    await vi.runAllTimersAsync();
    expect([a.flushes.length, b.flushes.length]).toEqual([1, 1]);
  });

  it("with a window, holds a circle's frames until its own window ends, one flush per window", () => {
    setPoseFlushWindow(10);
    const [a, b] = [relay("a"), relay("b")];
    requestPoseFlush(a);
    vi.advanceTimersByTime(4);
    requestPoseFlush(a); // same window: no second flush
    requestPoseFlush(b); // b's window starts now, not with a's
    vi.advanceTimersByTime(5);
    expect(a.flushes).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(a.flushes).toEqual([10]);
    expect(b.flushes).toEqual([]);
    vi.advanceTimersByTime(4);
    expect(b.flushes).toEqual([14]);
    requestPoseFlush(a); // a new frame after the flush opens a new window
    vi.advanceTimersByTime(10);
    expect(a.flushes).toEqual([10, 24]);
  });

  it("never flushes a circle that went away", async () => {
    setPoseFlushWindow(10);
    const a = relay("a");
    requestPoseFlush(a);
    cancelPoseFlush(a);
    await vi.runAllTimersAsync();
    expect(a.flushes).toEqual([]);
  });
});
