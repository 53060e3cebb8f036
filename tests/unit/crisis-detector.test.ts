import { describe, expect, it } from "vitest";
import { assessCrisis, CRISIS_LANGUAGES, normaliseForCrisis } from "../../shared/crisis/detector.ts";
import { evaluate, loadCrisisSet } from "../support/crisis-set.ts";

// Quality gates on the labelled sets (tests/fixtures/crisis): the tuned detector meets them; a
// change that loses recall on these sentences fails here. Timings live in bench/crisis.ts.
const RECALL_FLOOR = 0.97;
const PRECISION_FLOOR = 0.95;

describe("the crisis detector on the labelled sets", () => {
  for (const language of CRISIS_LANGUAGES) {
    describe(`when it reads the ${language} set`, () => {
      const set = loadCrisisSet(language);

      it("has at least 200 sentences with many hard negatives", () => {
        expect(set.length).toBeGreaterThanOrEqual(200);
        expect(set.filter((s) => s.label === "none").length).toBeGreaterThanOrEqual(100);
      });

      it(`finds at least ${RECALL_FLOOR * 100}% of the crisis sentences`, () => {
        expect(evaluate(set, (t) => assessCrisis(t)).overall.recall).toBeGreaterThanOrEqual(RECALL_FLOOR);
      });

      it(`is right at least ${PRECISION_FLOOR * 100}% of the times it flags`, () => {
        expect(evaluate(set, (t) => assessCrisis(t)).overall.precision).toBeGreaterThanOrEqual(PRECISION_FLOOR);
      });

      it("names the right category for most of what it finds", () => {
        const e = evaluate(set, (t) => assessCrisis(t));
        expect(e.wrongCategory / e.overall.tp).toBeLessThan(0.05);
      });
    });
  }

  it("keeps recall on the holdout sets above 90%", () => {
    for (const name of ["en.holdout", "es.holdout"]) {
      expect(evaluate(loadCrisisSet(name), (t) => assessCrisis(t)).overall.recall).toBeGreaterThanOrEqual(0.9);
    }
  });
});

describe("when a message is a figure of speech or negated", () => {
  it.each([
    "this film killed me",
    "I'd never hurt myself",
    "I’m killing it at work",
    "me muero de risa",
    "I'm not suicidal, just tired",
    "no me voy a matar, tranquilos",
    "I used to want to die, but I'm much better now",
    "the character kills himself at the end of the book",
  ])("does not flag %j", (text) => {
    expect(assessCrisis(text).flagged).toBe(false);
  });
});

describe("when a message says it indirectly", () => {
  it.each([
    ["everyone would be better off without me", "self-harm"],
    ["I've been giving my things away", "self-harm"],
    ["ya no quiero estar aquí", "self-harm"],
    ["I can't stop thinking about killing myself", "self-harm"],
    ["he said he'd kill me if I leave", "abuse"],
    ["I'm scared I'll hurt someone tonight", "harm-to-others"],
    ["no puedo más", "distress"],
  ])("flags %j as %s", (text, category) => {
    const result = assessCrisis(text);
    expect(result.flagged).toBe(true);
    expect(result.category).toBe(category);
  });

  it("reads through capitals, curly apostrophes, accents and stretched letters", () => {
    expect(assessCrisis("I DON’T WANT TO LIVE ANYMOREEEE").flagged).toBe(true);
    expect(assessCrisis("Ya no quiero vivir").flagged).toBe(true);
    expect(normaliseForCrisis("Ya NO quiero estar AQUÍ")).toBe("ya no quiero estar aqui");
  });
});

describe("what it returns", () => {
  it("is the same for the same text every time", () => {
    const text = "I don't want to be here anymore";
    expect(new Set(Array.from({ length: 20 }, () => JSON.stringify(assessCrisis(text)))).size).toBe(1);
  });

  it("carries a category and a score, never the words it matched", () => {
    const result = assessCrisis("I want to kill myself");
    expect(Object.keys(result).sort()).toEqual(["category", "flagged", "score"]);
    expect(JSON.stringify(result)).not.toMatch(/kill|myself/);
  });

  it("copes with empty, very long and hostile input", () => {
    expect(assessCrisis("").flagged).toBe(false);
    expect(assessCrisis("a".repeat(100_000)).flagged).toBe(false);
    expect(assessCrisis("\u202e\u0000 ((((((((((".repeat(200)).flagged).toBe(false);
  });
});
