import type { ErrorRequestHandler, Request } from "express";
import { discriminatedUnion, type z, ZodDiscriminatedUnion, ZodObject } from "zod";
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

/** Field name → first message, from a zod error. An unknown field is named itself. */
export function fieldErrors(error: z.ZodError): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const issue of error.issues) {
    const at = issue.path.map(String);
    const names = issue.code === "unrecognized_keys" ? issue.keys.map((key) => [...at, key].join(".")) : [at.length ? at.join(".") : "body"];
    for (const name of names) fields[name] ??= issue.code === "unrecognized_keys" ? `Unknown field "${name}".` : issue.message;
  }
  return fields;
}

const strictVersions = new WeakMap<z.ZodType, z.ZodType>();

/**
 * The schema with unknown fields refused: an object schema (or a union of them) made strict, so
 * every HTTP body and query is validated strictly even where a shared schema does not say it.
 */
function strictly(schema: z.ZodType): z.ZodType {
  const known = strictVersions.get(schema);
  if (known) return known;
  let strict = schema;
  if (schema instanceof ZodObject && schema.def.catchall === undefined) strict = schema.strict();
  else if (schema instanceof ZodDiscriminatedUnion) {
    const options = schema.options.map((option) => strictly(option as z.ZodType)) as [ZodObject, ...ZodObject[]];
    strict = discriminatedUnion(schema.def.discriminator, options);
  }
  strictVersions.set(schema, strict);
  return strict;
}

/** Parses input with a schema, strictly, or throws 400 with field-level messages. */
export function validate<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const parsed = strictly(schema).safeParse(input ?? {});
  if (!parsed.success) {
    const fields = fieldErrors(parsed.error);
    const unknown = Object.entries(fields).find(([, message]) => message.startsWith("Unknown field"));
    throw new HttpError(400, unknown ? unknown[1] : "Please check the highlighted fields.", fields);
  }
  return parsed.data as z.output<S>;
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
