import { describe, expect, it } from "vitest";
import { confusableSkeleton } from "../../shared/confusables.ts";
import { looksAlike, pseudonymKey } from "../../shared/pseudonym.ts";

describe("when two pseudonyms look the same", () => {
  const twins: [string, string][] = [
    ["Cyrillic Ѕ (U+0405)", "\u0405am"],
    ["Cyrillic а (U+0430)", "S\u0430m"],
    ["fullwidth letters", "\uff33\uff41\uff4d"],
    ["mathematical bold letters", "\u{1d412}\u{1d41a}\u{1d426}"],
    ["a combining long stroke", "S\u0336am"],
    ["a combining accent", "Sa\u0301m"],
    ["a zero-width space", "Sa\u200bm"],
    ["a right-to-left override", "\u202eSam\u202c"],
    ["another case", "SAM"],
    ["a Greek capital (Ѕ vs Ѕ)", "\u0405\u0391M"],
  ];
  it.each(twins)("gives %s the same key as the plain name", (_what, twin) => {
    expect(pseudonymKey(twin)).toBe(pseudonymKey("Sam"));
  });

  it("folds capital I, lower-case l and the digit 1 together, and O with 0", () => {
    expect(looksAlike("AIex", "Alex")).toBe(true);
    expect(pseudonymKey("A1ex")).toBe(pseudonymKey("Alex"));
    expect(pseudonymKey("R0bin")).toBe(pseudonymKey("Robin"));
  });

  it("folds case before comparing, so a name in other capitals is the same name", () => {
    expect(pseudonymKey("QUIET otter")).toBe(pseudonymKey("Quiet Otter"));
    expect(looksAlike("QUIET otter", "Quiet Otter")).toBe(true);
    expect(looksAlike("Kai", "Kal")).toBe(false);
  });

  it("keeps visibly different names apart", () => {
    expect(pseudonymKey("Sam")).not.toBe(pseudonymKey("Pam"));
    expect(looksAlike("Sam", "Pam")).toBe(false);
    expect(pseudonymKey("Quiet Otter")).not.toBe(pseudonymKey("Quiet Oak"));
    expect(pseudonymKey("Квітка")).not.toBe(pseudonymKey("Kvitka"));
    expect(pseudonymKey("北风")).not.toBe(pseudonymKey("南风"));
  });

  it("gives a name the same skeleton however it was composed (NFC or NFD)", () => {
    expect(confusableSkeleton("Ren\u00e9e")).toBe(confusableSkeleton("Rene\u0301e"));
  });
});
