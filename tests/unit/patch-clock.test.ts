import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { joinPatchClock, leavePatchClock, PATCH_INTERVAL_MS, type Patched } from "../../server/rooms/patch-clock.ts";

function room(roomId: string, onPatch: () => void = () => {}): Patched & { patches: number } {
  const patched = {
    roomId,
    patches: 0,
    broadcastPatch() {
      patched.patches++;
      onPatch();
    },
  };
  return patched;
}

describe("the shared patch clock", () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it("patches every joined room on each tick, from one timer", () => {
    const a = room("a");
    const b = room("b");
    joinPatchClock(a);
    joinPatchClock(b);
    expect(vi.getTimerCount()).toBe(1);
    vi.advanceTimersByTime(PATCH_INTERVAL_MS * 3);
    expect([a.patches, b.patches]).toEqual([3, 3]);
    leavePatchClock(a);
    vi.advanceTimersByTime(PATCH_INTERVAL_MS);
    expect([a.patches, b.patches]).toEqual([3, 4]);
    leavePatchClock(b);
    expect(vi.getTimerCount()).toBe(0);
  });

  it("spreads the rooms over the interval, so they do not all patch in one burst", () => {
    const rooms = ["a", "b", "c", "d", "e"].map((id) => room(id));
    for (const r of rooms) joinPatchClock(r);
    vi.advanceTimersByTime(PATCH_INTERVAL_MS / 5);
    expect(rooms.map((r) => r.patches).reduce((a, b) => a + b)).toBe(1);
    vi.advanceTimersByTime(PATCH_INTERVAL_MS - PATCH_INTERVAL_MS / 5);
    expect(rooms.map((r) => r.patches)).toEqual([1, 1, 1, 1, 1]);
    for (const r of rooms) leavePatchClock(r);
  });

  it("keeps patching the other rooms when one room's patch throws", () => {
    const broken = room("broken", () => {
      throw new Error("boom");
    });
    const healthy = room("healthy");
    joinPatchClock(broken);
    joinPatchClock(healthy);
    vi.advanceTimersByTime(PATCH_INTERVAL_MS * 2);
    expect(healthy.patches).toBe(2);
    leavePatchClock(broken);
    leavePatchClock(healthy);
  });

  it("starts again after the last room left", () => {
    const a = room("a");
    joinPatchClock(a);
    leavePatchClock(a);
    expect(vi.getTimerCount()).toBe(0);
    joinPatchClock(a);
    vi.advanceTimersByTime(PATCH_INTERVAL_MS);
    expect(a.patches).toBe(1);
    leavePatchClock(a);
  });
});
