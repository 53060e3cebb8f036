/**
 * Masks slurs, abuse and profanity in chat with the `obscenity` package's maintained English
 * dataset (leet-speak, look-alike letters and stretched words included), and tells abuse from
 * ordinary swearing so repeated abuse can be flagged to the facilitators.
 *
 * Words people need in a support circle to say what happened to them stay readable: "I was
 * raped", "incest", "porn addiction", "sex", body parts. Masking those would silence the very
 * disclosures a circle exists for.
 */
import {
  asteriskCensorStrategy,
  DataSet,
  englishDataset,
  englishRecommendedTransformers,
  RegExpMatcher,
  TextCensor,
} from "obscenity";

/** Disclosure and clinical vocabulary: never masked. */
export const NEVER_MASKED = new Set([
  "rape", "incest", "sex", "porn", "penis", "vagina", "anal", "anus", "masturbate", "orgasm",
  "semen", "ejaculate", "bestiality", "boob", "tit",
]);

/** Slurs: masked, and always abuse. */
export const SLURS = new Set([
  "abo", "abeed", "africoon", "arabush", "boonga", "chingchong", "chink", "dyke", "fag", "kike",
  "negro", "nigger", "retard", "spastic", "tranny",
]);

/** Insults: masked; abuse when aimed at someone ("you …", "ur a …"). */
export const INSULTS = new Set([
  "arse", "ass", "bastard", "bitch", "cock", "cuck", "cunt", "dick", "fuck", "prick", "pussy",
  "slut", "twat", "whore", "wank", "shit", "piss", "turd", "bollocks",
]);

type Metadata = { originalWord: string };

const dataset = new DataSet<Metadata>()
  .addAll(englishDataset)
  .removePhrasesIf((phrase) => NEVER_MASKED.has(phrase.metadata?.originalWord ?? ""));

const matcher = new RegExpMatcher({ ...dataset.build(), ...englishRecommendedTransformers });
const censor = new TextCensor().setStrategy(asteriskCensorStrategy());

const ADDRESSED = /\b(?:you|ya|u|ur|your|you['’]re|youre|yourself)\b/i;

export interface FilteredChat {
  /** The text with matches masked by asterisks. */
  text: string;
  masked: boolean;
  /** It contains a slur, or an insult aimed at someone. */
  abusive: boolean;
}

export function filterChat(text: string): FilteredChat {
  const matches = matcher.getAllMatches(text, true);
  if (matches.length === 0) return { text, masked: false, abusive: false };
  let slur = false;
  let insult = false;
  for (const match of matches) {
    const word = dataset.getPayloadWithPhraseMetadata(match).phraseMetadata?.originalWord ?? "";
    if (SLURS.has(word)) slur = true;
    else if (INSULTS.has(word)) insult = true;
  }
  return { text: censor.applyTo(text, matches), masked: true, abusive: slur || (insult && ADDRESSED.test(text)) };
}

/** Abusive messages within ABUSE_WINDOW_MS that flag the sender to the facilitators. */
export const ABUSE_FLAG_THRESHOLD = 3;
export const ABUSE_WINDOW_MS = 10 * 60 * 1000;

/** Counts one participant's abusive messages; says when they cross the threshold (once per crossing). */
export class AbuseCounter {
  private times: number[] = [];

  /** Records an abusive message at `now`; true when this one makes it "repeated abuse". */
  record(now: number): boolean {
    this.times = this.times.filter((t) => now - t < ABUSE_WINDOW_MS);
    this.times.push(now);
    if (this.times.length >= ABUSE_FLAG_THRESHOLD) {
      this.times = [];
      return true;
    }
    return false;
  }
}
