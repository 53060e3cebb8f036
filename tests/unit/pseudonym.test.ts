import { describe, expect, it } from "vitest";
import { checkPseudonym, normalisePseudonym, pseudonymKey, suggestPseudonym } from "../../shared/pseudonym.ts";
import { describeZodError, joinOptionsSchema } from "../../shared/schemas.ts";
import { seededRandom } from "../support/random.ts";

const EMOJI = "\u{1F525}"; // 🔥: one code point, two UTF-16 units

describe("normalising a pseudonym", () => {
  it.each([
    ["trims the ends", "  Quiet Otter  ", "Quiet Otter"],
    ["collapses runs of spaces", "Quiet    Otter", "Quiet Otter"],
    ["treats a no-break space as a space", "Quiet\u00a0\u00a0Otter", "Quiet Otter"],
    ["strips control characters", "Quiet\u0007Ot\u0000ter", "QuietOtter"],
    ["strips zero-width characters", "\u200bQu\u200ciet\ufeff Otter\u2060", "Quiet Otter"],
    ["strips bidi overrides", "\u202eQuiet\u202c \u2066Otter\u2069", "Quiet Otter"],
    ["composes accents (NFC)", "Rene\u0301e", "Ren\u00e9e"],
    ["keeps letters from any script", "  小明 Łódź ", "小明 Łódź"],
  ])("%s", (_name, raw, expected) => {
    expect(normalisePseudonym(raw)).toBe(expected);
  });

  it("turns tabs and newlines into a space", () => {
    expect(normalisePseudonym("Quiet\tOtter")).toBe("Quiet Otter");
    expect(normalisePseudonym("Quiet\n\r\nOtter")).toBe("Quiet Otter");
  });
});

describe("checking a pseudonym", () => {
  it.each([
    ["two characters", "Jo", "Jo"],
    ["24 characters", "A".repeat(24), "A".repeat(24)],
    ["digits only", "42", "42"],
    ["an emoji beside a letter (two code points)", `A${EMOJI}`, `A${EMOJI}`],
    ["23 emoji and a letter (24 code points, 47 UTF-16 units)", `A${EMOJI.repeat(23)}`, `A${EMOJI.repeat(23)}`],
    ["24 characters once trimmed", `   ${"B".repeat(24)}   `, "B".repeat(24)],
  ])("accepts %s", (_name, raw, value) => {
    expect(checkPseudonym(raw)).toEqual({ ok: true, value });
  });

  it.each([
    ["one character", "A", /at least 2 characters/],
    ["one character padded with invisible ones", "A\u200b\u200b\u202e", /at least 2 characters/],
    ["one emoji (two UTF-16 units)", EMOJI, /at least 2 characters/],
    ["only spaces", "     ", /at least 2 characters/],
    ["25 characters", "A".repeat(25), /at most 24 characters/],
    ["24 emoji and a letter (25 code points)", `A${EMOJI.repeat(24)}`, /at most 24 characters/],
    ["punctuation only", "!!??", /at least one letter or digit/],
    ["emoji only", EMOJI.repeat(3), /at least one letter or digit/],
  ])("refuses %s", (_name, raw, reason) => {
    const check = checkPseudonym(raw);
    expect(check.ok).toBe(false);
    if (!check.ok) expect(check.reason).toMatch(reason);
  });

  it.each([undefined, null, 42, { name: "Jo" }])("refuses a non-string (%s)", (raw) => {
    expect(checkPseudonym(raw)).toEqual({ ok: false, reason: "Please choose a pseudonym." });
  });
});

describe("comparing pseudonyms", () => {
  it("ignores case, spacing and invisible characters", () => {
    const key = pseudonymKey("Quiet Otter");
    expect(pseudonymKey("  quiet   OTTER ")).toBe(key);
    expect(pseudonymKey("Qu\u200biet Otter")).toBe(key);
    expect(pseudonymKey("ren\u00e9e")).toBe(pseudonymKey("RENE\u0301E"));
  });

  it("still tells different names apart", () => {
    expect(pseudonymKey("Quiet Otters")).not.toBe(pseudonymKey("Quiet Otter"));
    expect(pseudonymKey("QuietOtter")).not.toBe(pseudonymKey("Quiet Otter"));
  });
});

describe("suggested pseudonyms", () => {
  it("always pass the pseudonym check unchanged", () => {
    const random = seededRandom(6);
    const edges = [() => 0, () => 0.999999999, () => 1 - Number.EPSILON];
    const fns = [...edges, ...Array.from({ length: 500 }, () => random)];
    for (const fn of fns) {
      const name = suggestPseudonym(fn);
      expect(checkPseudonym(name)).toEqual({ ok: true, value: name });
    }
  });

  it("vary with the random source", () => {
    const random = seededRandom(8);
    const names = new Set(Array.from({ length: 50 }, () => suggestPseudonym(random)));
    expect(names.size).toBeGreaterThan(10);
  });
});

describe("join options", () => {
  const valid = { circleId: "open-circle", pseudonym: "  Quiet   Otter ", color: "#e07a5f" };
  const problem = (options: unknown): string => {
    const parsed = joinOptionsSchema.safeParse(options);
    expect(parsed.success).toBe(false);
    return parsed.success ? "" : describeZodError(parsed.error);
  };

  it("accept a valid join and normalise the pseudonym", () => {
    expect(joinOptionsSchema.parse(valid)).toEqual({ ...valid, pseudonym: "Quiet Otter" });
  });

  it("refuse a colour that is not on offer, saying so", () => {
    expect(problem({ ...valid, color: "#000000" })).toBe("color: Please pick one of the offered avatar colours.");
    expect(problem({ ...valid, color: "red" })).toMatch(/^color: .*offered avatar colours/);
  });

  it("refuse a bad pseudonym with the pseudonym rule's own reason", () => {
    expect(problem({ ...valid, pseudonym: "x" })).toBe("pseudonym: A pseudonym needs at least 2 characters.");
    expect(problem({ ...valid, pseudonym: "??" })).toBe("pseudonym: A pseudonym needs at least one letter or digit.");
  });

  it("refuse a missing circle id", () => {
    expect(problem({ pseudonym: valid.pseudonym, color: valid.color })).toMatch(/^circleId: /);
    expect(problem({ ...valid, circleId: "" })).toMatch(/^circleId: /);
  });
});
