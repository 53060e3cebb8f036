/**
 * The curated topics a circle can carry, and the groups a circle can be for only ("for fathers").
 * Tags are stable ids; their names are translated on the client (client/i18n, `topics.*`).
 * Hosts may add their own free topics beside these (scheduling-schemas.ts, topicTagSchema).
 */
import { z } from "zod";

export const CURATED_TOPICS = [
  "fathers",
  "veterans",
  "lgbtq",
  "bereavement",
  "separation-divorce",
  "work-stress",
  "young-men",
  "older-men",
  "carers",
  "addiction-recovery",
  "loneliness",
  "health",
] as const;
export type CuratedTopic = (typeof CURATED_TOPICS)[number];

/** The topics that name a group of people: a circle may be for that group only. */
export const GROUP_TOPICS = ["fathers", "veterans", "lgbtq", "young-men", "older-men", "carers"] as const satisfies readonly CuratedTopic[];
export type GroupTopic = (typeof GROUP_TOPICS)[number];

export const isCuratedTopic = (tag: string): tag is CuratedTopic => (CURATED_TOPICS as readonly string[]).includes(tag);

export const forGroupSchema = z.enum(GROUP_TOPICS, { error: () => `A circle can be for one of these groups: ${GROUP_TOPICS.join(", ")}.` }).nullable();

/** Parts of the day, in the viewer's own time zone, for browsing sessions: [first hour, end hour). */
export const TIMES_OF_DAY = {
  morning: [5, 12],
  afternoon: [12, 17],
  evening: [17, 22],
  night: [22, 29], // 22:00 to 05:00 the next morning
} as const;
export type TimeOfDay = keyof typeof TIMES_OF_DAY;
export const timeOfDaySchema = z.enum(["morning", "afternoon", "evening", "night"] satisfies TimeOfDay[], {
  error: "Choose morning, afternoon, evening or night.",
});

/** Whether a local hour (0–23) falls in a part of the day. */
export function inTimeOfDay(hour: number, part: TimeOfDay): boolean {
  const [from, to] = TIMES_OF_DAY[part];
  return (hour >= from && hour < to) || (hour + 24 >= from && hour + 24 < to);
}
