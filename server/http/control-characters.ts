import type { RequestHandler } from "express";
import { CONTROL_CHARACTERS_MESSAGE, hasControlCharacters } from "../../shared/text.ts";
import { HttpError } from "./http-errors.ts";

const MAX_DEPTH = 8;

/**
 * Refuses, with 400 naming the field, any API request whose path, query or JSON body holds a
 * control character (a NUL byte in an email, a title, a route parameter…), before a route or the
 * database sees it. Schemas in shared/ refuse them too (shared/text.ts); this covers every field
 * at once, including the ones a schema only trims.
 */
export function refuseControlCharacters(): RequestHandler {
  return (req, _res, next) => {
    let path: string;
    try {
      path = decodeURIComponent(req.path);
    } catch {
      return next(new HttpError(400, "The address is not valid.", { path: "The address has a malformed %-escape." }));
    }
    if (hasControlCharacters(path)) return next(new HttpError(400, CONTROL_CHARACTERS_MESSAGE, { path: CONTROL_CHARACTERS_MESSAGE }));
    const field = firstControlField(req.query, "", 0) ?? firstControlField(req.body, "", 0);
    if (field !== undefined) return next(new HttpError(400, `${field}: ${CONTROL_CHARACTERS_MESSAGE}`, { [field]: CONTROL_CHARACTERS_MESSAGE }));
    next();
  };
}

/** The dotted name of the first string (or key) with a control character, or undefined. */
function firstControlField(value: unknown, at: string, depth: number): string | undefined {
  if (typeof value === "string") return hasControlCharacters(value) ? at || "body" : undefined;
  if (depth > MAX_DEPTH || value === null || typeof value !== "object") return undefined;
  for (const [key, inner] of Object.entries(value)) {
    const name = at ? `${at}.${key}` : key;
    if (hasControlCharacters(key)) return [...name].map((c) => (hasControlCharacters(c) ? "?" : c)).join("");
    const found = firstControlField(inner, name, depth + 1);
    if (found !== undefined) return found;
  }
  return undefined;
}
