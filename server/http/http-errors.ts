import type { ErrorRequestHandler, Request } from "express";
import { discriminatedUnion, type z, ZodDiscriminatedUnion, ZodObject } from "zod";
import { unknownFieldMessage, unrecognizedKeyErrors } from "../../shared/unknown-fields.ts";
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

/** Field name → first message, from a zod error. An unknown field is named with a likely meant one. */
export function fieldErrors(error: z.ZodError, allowed: readonly string[] = []): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const issue of error.issues) {
    if (issue.code === "unrecognized_keys") {
      for (const [name, message] of Object.entries(unrecognizedKeyErrors(issue, allowed))) fields[name] ??= message;
      continue;
    }
    const name = issue.path.length ? issue.path.join(".") : "body";
    fields[name] ??= issue.message;
  }
  return fields;
}

/** The field names a schema knows at its top level (of an object, or of every option of a union). */
function knownFields(schema: z.ZodType): string[] {
  const def = (schema as unknown as { _zod?: { def?: { shape?: object; options?: z.ZodType[]; in?: z.ZodType; innerType?: z.ZodType } } })._zod?.def;
  if (!def) return [];
  if (def.shape) return Object.keys(def.shape);
  if (def.options) return def.options.flatMap(knownFields);
  if (def.in) return knownFields(def.in);
  if (def.innerType) return knownFields(def.innerType);
  return [];
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

/** Parses input with a schema, strictly, or throws 400 with field-level messages; an unknown field is named in the message. */
export function validate<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const parsed = strictly(schema).safeParse(input ?? {});
  if (parsed.success) return parsed.data as z.output<S>;
  const allowed = knownFields(schema);
  const unknown = parsed.error.issues.flatMap((i) => (i.code === "unrecognized_keys" ? i.keys : []));
  const message = unknown.length ? `${unknownFieldMessage(unknown[0]!, allowed)} Please check the request.` : "Please check the highlighted fields.";
  throw new HttpError(400, message, fieldErrors(parsed.error, allowed));
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
