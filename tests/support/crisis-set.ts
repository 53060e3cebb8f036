import { readFileSync } from "node:fs";
import path from "node:path";
import { CRISIS_CATEGORIES, type CrisisAssessment, type CrisisCategory } from "../../shared/crisis/detector.ts";

/** One labelled sentence of tests/fixtures/crisis/<language>.jsonl. */
export interface LabelledSentence {
  text: string;
  label: "crisis" | "none";
  category: CrisisCategory | "none";
}

const FIXTURES = path.join(import.meta.dirname, "..", "fixtures", "crisis");

export function loadCrisisSet(language: string): LabelledSentence[] {
  return readFileSync(path.join(FIXTURES, `${language}.jsonl`), "utf8")
    .split("\n")
    .filter((line) => line.trim())
    .map((line) => JSON.parse(line) as LabelledSentence);
}

export interface Confusion {
  tp: number;
  fp: number;
  fn: number;
  tn: number;
}

export interface Scores extends Confusion {
  precision: number;
  recall: number;
  f1: number;
}

export function scores(c: Confusion): Scores {
  const precision = c.tp + c.fp === 0 ? 1 : c.tp / (c.tp + c.fp);
  const recall = c.tp + c.fn === 0 ? 1 : c.tp / (c.tp + c.fn);
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { ...c, precision, recall, f1 };
}

export interface Evaluation {
  overall: Scores;
  /** Per category: a positive counts as found when flagged with that category; precision from flags of that category. */
  byCategory: Record<CrisisCategory, Scores>;
  /** Flagged positives whose category was another one. */
  wrongCategory: number;
  errors: { kind: "missed" | "false alarm" | "category"; text: string; expected: string; got?: string; score: number }[];
}

/** Runs `detect` over a labelled set. */
export function evaluate(set: LabelledSentence[], detect: (text: string) => CrisisAssessment): Evaluation {
  const overall: Confusion = { tp: 0, fp: 0, fn: 0, tn: 0 };
  const perCategory = Object.fromEntries(CRISIS_CATEGORIES.map((c) => [c, { tp: 0, fp: 0, fn: 0, tn: 0 }])) as Record<CrisisCategory, Confusion>;
  const errors: Evaluation["errors"] = [];
  let wrongCategory = 0;
  for (const sentence of set) {
    const result = detect(sentence.text);
    const positive = sentence.label === "crisis";
    if (positive && result.flagged) overall.tp++;
    else if (positive) overall.fn++;
    else if (result.flagged) overall.fp++;
    else overall.tn++;
    if (positive && !result.flagged) errors.push({ kind: "missed", text: sentence.text, expected: sentence.category, score: result.score });
    if (!positive && result.flagged) errors.push({ kind: "false alarm", text: sentence.text, expected: "none", got: result.category, score: result.score });
    if (positive && result.flagged && result.category !== sentence.category) {
      wrongCategory++;
      errors.push({ kind: "category", text: sentence.text, expected: sentence.category, got: result.category, score: result.score });
    }
    for (const category of CRISIS_CATEGORIES) {
      const is = sentence.category === category;
      const said = result.flagged && result.category === category;
      const c = perCategory[category];
      if (is && said) c.tp++;
      else if (is) c.fn++;
      else if (said) c.fp++;
      else c.tn++;
    }
  }
  const byCategory = Object.fromEntries(CRISIS_CATEGORIES.map((c) => [c, scores(perCategory[c])])) as Record<CrisisCategory, Scores>;
  return { overall: scores(overall), byCategory, wrongCategory, errors };
}
