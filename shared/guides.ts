/**
 * Facilitator guides: a circle's script of steps, each built on one of the communication
 * techniques that help men talk. The facilitator sees each step's prompt, in order; everyone
 * in the circle sees its short, calm card. Hosts start from a template (guide-templates.ts) and
 * may edit every word; the guide is stored on the circle.
 */
import { z } from "zod";
import { type Phase, Phases } from "./protocol.ts";
import { freeText } from "./text-schemas.ts";

export const TECHNIQUES = ["welcome", "check-in", "active-listening", "i-statements", "sharing", "taking-a-break", "closing-round"] as const;
export type Technique = (typeof TECHNIQUES)[number];

export const GUIDE_STEPS_MAX = 12;
export const GUIDE_PROMPT_MAX = 600;
export const GUIDE_CARD_MAX = 200;

/** The phases a step can set ("ended" is the end of the session, not a step). */
export const GUIDE_PHASES = Phases.filter((p): p is Exclude<Phase, "ended"> => p !== "ended");

export const guideStepSchema = z.strictObject({
  technique: z.enum(TECHNIQUES, { error: () => `A step's technique is one of: ${TECHNIQUES.join(", ")}.` }),
  /** The circle's phase while this step runs. */
  phase: z.enum(GUIDE_PHASES, { error: () => `A step's phase is one of: ${GUIDE_PHASES.join(", ")}.` }),
  title: freeText({ min: 1, max: 60, what: "A step's title", required: "Give each step a title." }),
  /** What the facilitator reads or says: for the facilitator only. */
  prompt: freeText({ min: 1, max: GUIDE_PROMPT_MAX, what: "A prompt", required: "Write a prompt for each step.", multiline: true }),
  /** What everyone in the circle sees while the step runs: short and calm. */
  card: freeText({ max: GUIDE_CARD_MAX, what: "A card" }).default(""),
});
export type GuideStep = z.output<typeof guideStepSchema>;

export const circleGuideSchema = z.strictObject({
  /** The template it started from ("" when written from scratch). */
  template: z.string().max(40).regex(/^[a-z0-9-]*$/, "A template id is lower-case letters, digits and hyphens.").default(""),
  steps: z
    .array(guideStepSchema)
    .min(1, "A guide needs at least one step.")
    .max(GUIDE_STEPS_MAX, `A guide has at most ${GUIDE_STEPS_MAX} steps.`),
});
export type CircleGuide = z.output<typeof circleGuideSchema>;
export type CircleGuideInput = z.input<typeof circleGuideSchema>;
