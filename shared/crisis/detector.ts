import { englishLexicon } from "./lexicon-en.ts";
import { spanishLexicon } from "./lexicon-es.ts";
import type { CrisisAssessment, CrisisCategory, CrisisLexicon, CrisisMatch } from "./types.ts";

export * from "./types.ts";

/**
 * Score at or above which a message is flagged. Chosen for recall: a missed person in crisis
 * costs far more than a gentle, private "here is some support" shown to someone who did not
 * need it (see README, "Crisis-aware assist").
 */
export const CRISIS_THRESHOLD = 0.5;

export const CRISIS_LEXICONS: readonly CrisisLexicon[] = [englishLexicon, spanishLexicon];
export const CRISIS_LANGUAGES = CRISIS_LEXICONS.map((l) => l.language);

/** Tokens before a signal that a negation may reach ("I would never hurt myself"). */
const NEGATION_REACH = 5;
/** Weight kept by a signal in a past, humorous or fictional context. */
const PAST_FACTOR = 0.3;
const HUMOUR_FACTOR = 0.4;
const FICTION_FACTOR = 0.3;
/** Each further distinct signal adds this much to the strongest one. */
const SUPPORT_BONUS = 0.15;

/** Lower case, no accents, no apostrophes ("I’m" → "im"), stretched letters shortened, spaces collapsed. */
export function normaliseForCrisis(text: string): string {
  return text
    .normalize("NFD")
    .replace(/\p{M}+/gu, "")
    .toLowerCase()
    .replace(/['’‘`´]/g, "")
    .replace(/(\p{L})\1{2,}/gu, "$1$1")
    .replace(/[^\S\n]+/g, " ")
    .trim();
}

function clauseStart(text: string, index: number, lexicon: CrisisLexicon): number {
  let start = 0;
  lexicon.clauseBreak.lastIndex = 0;
  for (const match of text.matchAll(lexicon.clauseBreak)) {
    const end = match.index + match[0].length;
    if (end > index) break;
    start = end;
  }
  return start;
}

function clauseEnd(text: string, index: number, lexicon: CrisisLexicon): number {
  for (const match of text.matchAll(lexicon.clauseBreak)) if (match.index >= index) return match.index;
  return text.length;
}

function negated(text: string, start: number, lexicon: CrisisLexicon): boolean {
  const before = text.slice(clauseStart(text, start, lexicon), start).replace(lexicon.intensifiers, " ");
  const tokens = before.split(/[^\p{L}\p{N}]+/u).filter(Boolean).slice(-NEGATION_REACH);
  return tokens.some((t) => lexicon.negations.has(t));
}

/** Every signal of one lexicon in already-normalised text, each weighed in its context. */
export function matchLexicon(normalised: string, lexicon: CrisisLexicon): CrisisMatch[] {
  let text = normalised;
  for (const idiom of lexicon.idioms) text = text.replace(idiom, (m) => " ".repeat(m.length));
  const humour = lexicon.humour.test(text);
  const fiction = lexicon.fiction.test(text);
  const ongoing = lexicon.ongoing.test(text);
  const matches: CrisisMatch[] = [];
  for (const rule of lexicon.rules) {
    for (const found of text.matchAll(rule.pattern)) {
      if (negated(text, found.index, lexicon)) continue;
      let weight = rule.weight;
      const clause = text.slice(clauseStart(text, found.index, lexicon), clauseEnd(text, found.index + found[0].length, lexicon));
      if (lexicon.past.test(clause) && !ongoing) weight *= PAST_FACTOR;
      if (rule.hyperbole && humour) weight *= HUMOUR_FACTOR;
      if (!rule.explicit && fiction) weight *= FICTION_FACTOR;
      matches.push({ category: rule.category, weight, language: lexicon.language });
    }
  }
  return matches;
}

/** The strongest signal, plus a little for each further one (distinct rules add up, capped at 1). */
function combine(matches: CrisisMatch[]): { score: number; category?: CrisisCategory } {
  if (matches.length === 0) return { score: 0 };
  const sorted = [...matches].sort((a, b) => b.weight - a.weight);
  const [top, ...rest] = sorted as [CrisisMatch, ...CrisisMatch[]];
  const supporting = rest.filter((m) => m.weight >= 0.25).length;
  return { score: Math.min(1, top.weight + SUPPORT_BONUS * supporting), category: top.category };
}

export interface CrisisOptions {
  threshold?: number;
  /** Languages to check (default: all). A message's language is not known, so all run by default. */
  languages?: readonly string[];
}

/**
 * Whether a chat message shows crisis or self-harm language. Deterministic, no network, well
 * under a millisecond per message (bench/crisis.ts). Returns a category, never the matched words.
 */
export function assessCrisis(text: string, options: CrisisOptions = {}): CrisisAssessment {
  const threshold = options.threshold ?? CRISIS_THRESHOLD;
  const normalised = normaliseForCrisis(text.slice(0, 2000));
  let best: { score: number; category?: CrisisCategory } = { score: 0 };
  for (const lexicon of CRISIS_LEXICONS) {
    if (options.languages && !options.languages.includes(lexicon.language)) continue;
    const result = combine(matchLexicon(normalised, lexicon));
    if (result.score > best.score) best = result;
  }
  const score = Math.round(best.score * 1000) / 1000;
  return { flagged: score >= threshold, score, category: best.category };
}
