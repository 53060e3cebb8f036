import { pino } from "pino";

/**
 * Structured logs. Carry ids only: never a pseudonym, chat text or report note.
 * The redact list is a safety net, not permission to log such fields.
 */
export const log = pino({
  level: process.env.LOG_LEVEL ?? (process.env.NODE_ENV === "test" ? "silent" : "info"),
  base: { service: "hearth" },
  redact: { paths: ["pseudonym", "*.pseudonym", "text", "*.text", "note", "*.note"], censor: "[redacted]" },
});
