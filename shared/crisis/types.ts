/** What the crisis detector can recognise in a chat message. */
export const CRISIS_CATEGORIES = ["self-harm", "harm-to-others", "abuse", "distress"] as const;
export type CrisisCategory = (typeof CRISIS_CATEGORIES)[number];

export const CRISIS_CATEGORY_LABELS: Record<CrisisCategory, string> = {
  "self-harm": "thoughts of suicide or self-harm",
  "harm-to-others": "thoughts of harming someone",
  abuse: "abuse or danger",
  distress: "acute distress",
};

/**
 * One signal of a lexicon: a pattern over normalised text (lower case, no accents, no
 * apostrophes: "I'm" → "im"), the category it points to and how strongly.
 */
export interface CrisisRule {
  pattern: RegExp;
  category: CrisisCategory;
  /** 0..1: 1 is an explicit statement; lower for indirect or ambiguous signals. */
  weight: number;
  /** Often used as a figure of speech: weakened by humour or a trivial subject in the message. */
  hyperbole?: boolean;
  /** An explicit plan or means: never weakened by fiction/game context. */
  explicit?: boolean;
}

export interface CrisisLexicon {
  language: string;
  rules: CrisisRule[];
  /** Figures of speech removed before the rules run ("killing it", "me muero de risa"). */
  idioms: RegExp[];
  /** Words that negate a signal when they come shortly before it in the same clause. */
  negations: ReadonlySet<string>;
  /** Phrases that look like negation but intensify ("can't stop", "no puedo dejar de"). */
  intensifiers: RegExp;
  /** The clause is about the past ("used to", "years ago"): weakened unless the message says it is still so. */
  past: RegExp;
  /** It is still so ("still", "again"). */
  ongoing: RegExp;
  /** Humour and trivial subjects that turn a hyperbole-prone signal into a figure of speech. */
  humour: RegExp;
  /** Games, films, books: the signal is about a story, not the writer. */
  fiction: RegExp;
  /** Words that end the scope of a negation. */
  clauseBreak: RegExp;
}

export interface CrisisMatch {
  category: CrisisCategory;
  /** The rule's weight after negation and context. */
  weight: number;
  language: string;
}

export interface CrisisAssessment {
  /** score ≥ the threshold. */
  flagged: boolean;
  /** 0..1. */
  score: number;
  /** The category of the strongest signal; undefined when nothing was found. */
  category?: CrisisCategory;
}
