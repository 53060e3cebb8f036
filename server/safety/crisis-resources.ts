import { readFileSync } from "node:fs";
import { Router } from "express";
import { z } from "zod";
import { type CrisisResources, DEFAULT_CRISIS_RESOURCES } from "../../shared/safety.ts";

const text = (max: number) => z.string().trim().min(1).max(max);

const lineSchema = z
  .object({
    name: text(120),
    contact: text(60).optional(),
    url: z.url({ protocol: /^https?$/ }).max(300).optional(),
    hours: text(80).optional(),
    source: z.url({ protocol: /^https?$/ }).max(300).optional(),
    checked: z.iso.date().optional(),
    /** Languages the line answers in. */
    languages: z.array(z.string().regex(/^[a-z]{2,3}$/, "Use a language code such as en or es.")).max(10).optional(),
  })
  .strict();

export const crisisResourcesSchema = z
  .object({
    /** Keep Hearth's default helplines for the countries this configuration does not list (default true). */
    defaults: z.boolean().default(true),
    intro: text(600).default(DEFAULT_CRISIS_RESOURCES.intro),
    emergency: text(600).default(DEFAULT_CRISIS_RESOURCES.emergency),
    /** The intro and emergency advice in other languages, by language code. */
    translations: z
      .record(z.string().regex(/^[a-z]{2,3}$/, "Use a language code such as es."), z.object({ intro: text(600), emergency: text(600) }).strict())
      .optional(),
    countries: z
      .array(
        z
          .object({
            country: z.string().regex(/^(?:[A-Z]{2}|\*)$/, "Use an ISO country code such as GB, or * for everyone."),
            name: text(80),
            lines: z.array(lineSchema).min(1).max(20),
          })
          .strict(),
      )
      .max(250)
      .default([]),
  })
  .strict();

export interface CrisisResourcesSource {
  CRISIS_RESOURCES_FILE?: string;
  CRISIS_RESOURCES?: string;
}

/**
 * The deployment's crisis resources: CRISIS_RESOURCES_FILE (a JSON file) or CRISIS_RESOURCES
 * (the JSON itself), else the plain default. Throws at start with the problem when the
 * configuration is not valid: a circle should never open with broken crisis information.
 */
export function loadCrisisResources(source: CrisisResourcesSource): CrisisResources {
  let raw: string | undefined;
  let where = "CRISIS_RESOURCES";
  if (source.CRISIS_RESOURCES_FILE) {
    where = `CRISIS_RESOURCES_FILE (${source.CRISIS_RESOURCES_FILE})`;
    try {
      raw = readFileSync(source.CRISIS_RESOURCES_FILE, "utf8");
    } catch (error) {
      throw new Error(`Could not read ${where}: ${(error as Error).message}`);
    }
  } else {
    raw = source.CRISIS_RESOURCES;
  }
  if (raw === undefined) return DEFAULT_CRISIS_RESOURCES;
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch (error) {
    throw new Error(`${where} is not valid JSON: ${(error as Error).message}`);
  }
  const parsed = crisisResourcesSchema.safeParse(json);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `  ${i.path.join(".") || "(top)"}: ${i.message}`).join("\n");
    throw new Error(`${where} is not valid:\n${problems}`);
  }
  const { defaults, translations, ...resources } = parsed.data;
  // Hearth's own translations fit only Hearth's own words: a deployment that rewrote them gives its own.
  const ownWords = resources.intro === DEFAULT_CRISIS_RESOURCES.intro && resources.emergency === DEFAULT_CRISIS_RESOURCES.emergency;
  const words = translations ?? (ownWords ? DEFAULT_CRISIS_RESOURCES.translations : undefined);
  return { ...resources, ...(words ? { translations: words } : {}), countries: withDefaults(resources.countries, defaults) };
}

/** The deployment's countries, then Hearth's default helplines for every country it does not list. */
function withDefaults(countries: CrisisResources["countries"], keepDefaults: boolean): CrisisResources["countries"] {
  if (!keepDefaults) return countries;
  const listed = new Set(countries.map((c) => c.country));
  return [...countries, ...DEFAULT_CRISIS_RESOURCES.countries.filter((c) => !listed.has(c.country))];
}

/** GET /crisis-resources (mounted under /api): public, cacheable, the same for everyone. */
export function crisisResourcesRouter(resources: CrisisResources): Router {
  const router = Router();
  router.get("/crisis-resources", (_req, res) => {
    res.set("Cache-Control", "public, max-age=300").json(resources);
  });
  return router;
}
