import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { loadCrisisResources } from "../../server/safety/crisis-resources.ts";
import { DEFAULT_HELPLINES, HELPLINES_CHECKED } from "../../shared/crisis/helplines.ts";
import { crisisWords, DEFAULT_CRISIS_RESOURCES, linesFor } from "../../shared/safety.ts";

const uk = { countries: [{ country: "GB", name: "United Kingdom", lines: [{ name: "Samaritans", contact: "116 123", hours: "24 hours" }] }] };

describe("crisis resources from the deployment", () => {
  it("are a plain default that says Hearth is not a crisis service", () => {
    const resources = loadCrisisResources({});
    expect(resources).toEqual(DEFAULT_CRISIS_RESOURCES);
    expect(resources.intro).toMatch(/not a crisis service/);
    expect(resources.emergency).toMatch(/emergency number/);
  });

  it("come from CRISIS_RESOURCES (JSON), keeping the default words where none are given", () => {
    const resources = loadCrisisResources({ CRISIS_RESOURCES: JSON.stringify(uk) });
    expect(resources.countries[0]).toEqual(uk.countries[0]);
    expect(resources.intro).toBe(DEFAULT_CRISIS_RESOURCES.intro);
  });

  it("replace the default helplines of the countries they list and keep the others", () => {
    const resources = loadCrisisResources({ CRISIS_RESOURCES: JSON.stringify(uk) });
    expect(resources.countries.filter((c) => c.country === "GB")).toEqual(uk.countries);
    expect(resources.countries.find((c) => c.country === "US")?.lines[0]?.contact).toBe("988");
  });

  it("drop the default helplines with \"defaults\": false", () => {
    const resources = loadCrisisResources({ CRISIS_RESOURCES: JSON.stringify({ ...uk, defaults: false }) });
    expect(resources.countries).toEqual(uk.countries);
  });

  it("come from CRISIS_RESOURCES_FILE before CRISIS_RESOURCES", () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), "crisis-")), "crisis.json");
    writeFileSync(file, JSON.stringify({ ...uk, intro: "Our own words." }));
    expect(loadCrisisResources({ CRISIS_RESOURCES_FILE: file, CRISIS_RESOURCES: "{}" }).intro).toBe("Our own words.");
  });

  it.each([
    ["not JSON", "{countries:", /not valid JSON/],
    ["a bad country code", JSON.stringify({ countries: [{ country: "United Kingdom", name: "UK", lines: [{ name: "x" }] }] }), /countries\.0\.country/],
    ["a country without lines", JSON.stringify({ countries: [{ country: "GB", name: "UK", lines: [] }] }), /countries\.0\.lines/],
    ["an unknown field", JSON.stringify({ hotlines: [] }), /hotlines|Unrecognized/],
  ])("refuse to start with %s, saying where", (_what, json, message) => {
    expect(() => loadCrisisResources({ CRISIS_RESOURCES: json })).toThrow(message);
  });

  it("refuse a file that cannot be read", () => {
    expect(() => loadCrisisResources({ CRISIS_RESOURCES_FILE: "/nonexistent/crisis.json" })).toThrow(/Could not read CRISIS_RESOURCES_FILE/);
  });
});

describe("the default helplines shipped with Hearth", () => {
  const line = (country: string, contact: string) =>
    DEFAULT_HELPLINES.find((c) => c.country === country)?.lines.some((l) => l.contact === contact);

  it.each([
    ["US", "988"], ["GB", "116 123"], ["CA", "988"], ["AU", "13 11 14"], ["IE", "116 123"], ["NZ", "1737"],
    ["ES", "024"], ["MX", "800 911 2000"], ["DE", "0800 111 0 111"], ["FR", "3114"],
  ])("list %s %s", (country, contact) => {
    expect(line(country, contact)).toBe(true);
  });

  it("give every line a source page and the date it was checked, and include international directories", () => {
    for (const country of DEFAULT_HELPLINES) {
      for (const l of country.lines) {
        expect(l.source, l.name).toMatch(/^https:\/\//);
        expect(l.checked, l.name).toBe(HELPLINES_CHECKED);
      }
    }
    expect(DEFAULT_HELPLINES.find((c) => c.country === "*")?.lines.length).toBeGreaterThanOrEqual(2);
  });

  it("are what a deployment without configuration shows", () => {
    expect(loadCrisisResources({}).countries).toEqual(DEFAULT_HELPLINES);
  });
});

describe("crisis resources per language and country", () => {
  it("give Hearth's own words in Spanish, and each country's lines in the viewer's language first", () => {
    const resources = loadCrisisResources({});
    expect(crisisWords(resources, "es").intro).toMatch(/No es un servicio de crisis/);
    expect(crisisWords(resources, "es-MX").emergency).toMatch(/911/);
    expect(crisisWords(resources, "en")).toEqual({ intro: resources.intro, emergency: resources.emergency });
    expect(crisisWords(resources, "de")).toEqual({ intro: resources.intro, emergency: resources.emergency });
    const us = resources.countries.find((c) => c.country === "US")!;
    const inSpanish = linesFor(us, "es");
    expect(inSpanish.every((l, i) => i === 0 || !(l.languages?.includes("es") && !inSpanish[i - 1]!.languages?.includes("es")))).toBe(true);
    expect(inSpanish[0]!.languages).toContain("es");
    expect(resources.countries.find((c) => c.country === "ES")!.lines.every((l) => l.languages?.includes("es"))).toBe(true);
  });

  it("drop Hearth's translations when the deployment rewrote the words, and take its own", () => {
    const rewritten = loadCrisisResources({ CRISIS_RESOURCES: JSON.stringify({ ...uk, intro: "Our own words for this service." }) });
    expect(crisisWords(rewritten, "es").intro).toBe("Our own words for this service.");
    const own = loadCrisisResources({
      CRISIS_RESOURCES: JSON.stringify({ ...uk, intro: "Our words.", translations: { es: { intro: "Nuestras palabras.", emergency: "Llama al 112." } } }),
    });
    expect(crisisWords(own, "es")).toEqual({ intro: "Nuestras palabras.", emergency: "Llama al 112." });
  });

  it("refuse a broken translation or line language at start, naming where", () => {
    expect(() => loadCrisisResources({ CRISIS_RESOURCES: JSON.stringify({ ...uk, translations: { Spanish: { intro: "x", emergency: "y" } } }) })).toThrow(/translations/);
    expect(() => loadCrisisResources({ CRISIS_RESOURCES: JSON.stringify({ ...uk, translations: { es: { intro: "x" } } }) })).toThrow(/translations\.es\.emergency/);
    const badLine = { countries: [{ country: "GB", name: "UK", lines: [{ name: "Samaritans", languages: ["English"] }] }] };
    expect(() => loadCrisisResources({ CRISIS_RESOURCES: JSON.stringify(badLine) })).toThrow(/languages/);
  });
});
