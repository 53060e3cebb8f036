import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { en } from "../../client/i18n/locales/en.ts";
import { es } from "../../client/i18n/locales/es.ts";
import { pseudoRtl } from "../../client/i18n/pseudo.ts";

type Tree = { [key: string]: string | Tree };

function flatten(tree: Tree, prefix = ""): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === "string") out.set(path, value);
    else for (const [k, v] of flatten(value, path)) out.set(k, v);
  }
  return out;
}

const variables = (text: string) => [...text.matchAll(/\{\{\s*(\w+)/g)].map((m) => m[1]).sort();

function clientSources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return clientSources(path);
    return /\.tsx?$/.test(name) ? [path] : [];
  });
}

const english = flatten(en);
const spanish = flatten(es as Tree);

describe("when the UI is shown in Spanish", () => {
  it("has every English key", () => {
    const missing = [...english.keys()].filter((k) => !spanish.has(k));
    expect(missing).toEqual([]);
  });

  it("has no key that English lacks, and no empty text", () => {
    expect([...spanish.keys()].filter((k) => !english.has(k))).toEqual([]);
    expect([...spanish].filter(([, v]) => v.trim() === "").map(([k]) => k)).toEqual([]);
  });

  it("uses the same interpolation variables as English", () => {
    const differing = [...english].filter(([k, v]) => spanish.has(k) && variables(v).join() !== variables(spanish.get(k)!).join());
    expect(differing.map(([k]) => k)).toEqual([]);
  });
});

describe("when a component asks for a key", () => {
  it("finds it in English (directly or as a plural)", () => {
    const used = new Set<string>();
    for (const file of clientSources("client")) {
      for (const m of readFileSync(file, "utf8").matchAll(/\bt\(\s*"([a-zA-Z]+\.[\w.]+)"/g)) used.add(m[1]!);
    }
    expect(used.size).toBeGreaterThan(10);
    const unknown = [...used].filter((k) => !english.has(k) && !english.has(`${k}_other`));
    expect(unknown).toEqual([]);
  });
});

describe("when the RTL pseudo-locale is built", () => {
  it("keeps every key and every interpolation variable", () => {
    const pseudo = flatten(pseudoRtl(en));
    expect([...pseudo.keys()]).toEqual([...english.keys()]);
    for (const [k, v] of english) expect(variables(pseudo.get(k)!)).toEqual(variables(v));
  });
});

describe("when the browser names a language", () => {
  it("picks the closest supported one, or English", async () => {
    const { bestLanguage, directionOf } = await import("../../client/i18n/languages.ts");
    expect(bestLanguage("es-ES")).toBe("es");
    expect(bestLanguage("es-419")).toBe("es");
    expect(bestLanguage("ar-XB")).toBe("ar-XB");
    expect(bestLanguage("de-DE")).toBe("en");
    expect(directionOf("ar-XB")).toBe("rtl");
    expect(directionOf("es")).toBe("ltr");
  });
});
