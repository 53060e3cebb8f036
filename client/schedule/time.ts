import type { TFunction } from "i18next";
import { intlLocale } from "../i18n/index.ts";

/** Times for people: each viewer sees their own time zone (Intl), the circle's zone alongside. */

export const viewerTimeZone = (): string => Intl.DateTimeFormat().resolvedOptions().timeZone;

export function formatWhen(iso: string, timeZone?: string): string {
  return new Intl.DateTimeFormat(intlLocale(), {
    weekday: "short",
    day: "numeric",
    month: "short",
    hour: "2-digit",
    minute: "2-digit",
    timeZone,
    timeZoneName: "short",
  }).format(new Date(iso));
}

export function formatTime(iso: string, timeZone?: string): string {
  return new Intl.DateTimeFormat(intlLocale(), { hour: "2-digit", minute: "2-digit", timeZone }).format(new Date(iso));
}

/** "2 days 3 h", "3 h 05 min", "4 min 09 s", in the chosen language. */
export function formatCountdown(ms: number, t: TFunction): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  const days = Math.floor(s / 86_400);
  const hours = Math.floor((s % 86_400) / 3600);
  const minutes = Math.floor((s % 3600) / 60);
  const seconds = s % 60;
  const pad = (n: number) => String(n).padStart(2, "0");
  if (days > 0) return t("schedulePages.countdownDays", { count: days, hours });
  if (hours > 0) return t("schedulePages.countdownHours", { hours, minutes: pad(minutes) });
  return t("schedulePages.countdownMinutes", { minutes, seconds: pad(seconds) });
}

/** Time zones for a picker: the runtime's list, with the viewer's own first. */
export function timeZoneOptions(): string[] {
  const own = viewerTimeZone();
  const all = typeof Intl.supportedValuesOf === "function" ? Intl.supportedValuesOf("timeZone") : ["UTC", "Europe/London"];
  return [own, ...all.filter((z) => z !== own)];
}
