import { describe, expect, it } from "vitest";
import { OPEN_CIRCLE_ID } from "../../server/circles/catalog.ts";
import { loadConfig } from "../../server/config.ts";
import { openScheduling } from "../../server/scheduling-setup.ts";

describe("the demo open circle", () => {
  it("is listed and open by default", async () => {
    const scheduling = await openScheduling(loadConfig({ DATA_DIR: ":memory:", OPEN_CIRCLE_TITLE: "Try Hearth" }));
    try {
      expect((await scheduling.catalog.list()).map((c) => [c.id, c.title, c.alwaysOpen])).toEqual([[OPEN_CIRCLE_ID, "Try Hearth", true]]);
    } finally {
      await scheduling.close();
    }
  });

  it("disappears with OPEN_CIRCLE=off", async () => {
    const scheduling = await openScheduling(loadConfig({ DATA_DIR: ":memory:", OPEN_CIRCLE: "off" }));
    try {
      expect(await scheduling.catalog.list()).toEqual([]);
      expect(await scheduling.catalog.get(OPEN_CIRCLE_ID)).toBeUndefined();
    } finally {
      await scheduling.close();
    }
  });
});

describe("the settable clock", () => {
  it("starts at HEARTH_FAKE_NOW in tests and runs on from there", async () => {
    const scheduling = await openScheduling(loadConfig({ DATA_DIR: ":memory:", HEARTH_FAKE_NOW: "2026-03-05T19:00:00Z" }));
    try {
      const now = scheduling.clock.now().getTime();
      expect(now).toBeGreaterThanOrEqual(Date.parse("2026-03-05T19:00:00Z"));
      expect(now).toBeLessThan(Date.parse("2026-03-05T19:01:00Z"));
      expect(scheduling.services.testClock).toBeDefined();
    } finally {
      await scheduling.close();
    }
  });

  it("refuses a malformed HEARTH_FAKE_NOW at start", () => {
    expect(() => loadConfig({ HEARTH_FAKE_NOW: "tomorrow" })).toThrow(/HEARTH_FAKE_NOW/);
  });
});
