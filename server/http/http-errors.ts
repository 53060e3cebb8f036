import type { ErrorRequestHandler, Request } from "express";
import type { z } from "zod";
import { log } from "../log.ts";

/** An error with a status and words for the person; `fields` names the inputs that were wrong. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly fields?: Record<string, string>,
    readonly headers?: Record<string, string>,
  ) {
    super(message);
  }
}

/** Field name → first message, from a zod error. */
export function fieldErrors(error: z.ZodError): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const issue of error.issues) {
    if (issue.code === "unrecognized_keys") {
      // A strict schema: name each unknown (or misspelt) field itself.
      for (const key of issue.keys) fields[[...issue.path, key].join(".")] ??= `Unknown field "${key}".`;
      continue;
    }
    const name = issue.path.length ? issue.path.join(".") : "body";
    fields[name] ??= issue.message;
  }
  return fields;
}

/** Parses input with a schema or throws 400 with field-level messages. */
export function validate<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const parsed = schema.safeParse(input ?? {});
  if (!parsed.success) throw new HttpError(400, "Please check the highlighted fields.", fieldErrors(parsed.error));
  return parsed.data;
}

export const notFound = (what = "This"): HttpError => new HttpError(404, `${what} was not found.`);

/** A route parameter as one string (express 5 types them loosely). */
export function param(req: Request, name: string): string {
  const value = req.params[name];
  return typeof value === "string" ? value : "";
}

/** JSON error replies: `{ error, fields? }`. Unexpected errors are logged and answered with 500. */
export const errorHandler: ErrorRequestHandler = (error, _req, res, _next) => {
  if (error instanceof HttpError) {
    for (const [name, value] of Object.entries(error.headers ?? {})) res.setHeader(name, value);
    res.status(error.status).json(error.fields ? { error: error.message, fields: error.fields } : { error: error.message });
    return;
  }
  const status = (error as { status?: unknown; type?: unknown }).status;
  if (typeof status === "number" && status >= 400 && status < 500) {
    // body-parser: malformed JSON or a body too large.
    const message = status === 413 ? "The request is too large." : "The request body is not valid JSON.";
    res.status(status).json({ error: message });
    return;
  }
  log.error({ stack: error instanceof Error ? error.stack : String(error) }, "unhandled API error");
  res.status(500).json({ error: "Something went wrong on our side. Please try again." });
};
