import { z } from "zod";
import { CIRCLE_CAPACITY_DEFAULT, CIRCLE_CAPACITY_MAX, CIRCLE_CAPACITY_MIN } from "../shared/limits.ts";

const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(2567),
  HOST: z.string().default("0.0.0.0"),
  /** Folder with the built client (vite build). */
  CLIENT_DIR: z.string().default("dist/client"),
  OPEN_CIRCLE_TITLE: z.string().min(1).max(80).default("Open circle"),
  OPEN_CIRCLE_CAPACITY: z.coerce
    .number()
    .int()
    .min(CIRCLE_CAPACITY_MIN)
    .max(CIRCLE_CAPACITY_MAX)
    .default(CIRCLE_CAPACITY_DEFAULT),
});

export type Config = z.infer<typeof envSchema>;

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`).join("\n");
    throw new Error(`Invalid configuration:\n${problems}`);
  }
  return parsed.data;
}
