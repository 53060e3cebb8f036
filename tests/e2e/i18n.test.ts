/**
 * The UI in Spanish and in the RTL pseudo-locale, in Chromium: detection from the browser's
 * language, the switch (kept on the device), the facilitator's panel and the circle's controls,
 * and an RTL layout that does not overflow sideways.
 */
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchChromium, screenshot, watchErrors } from "./support/browser.ts";
import { startHearthForTest } from "./support/hearth.ts";
import "./support/safety-hook.ts";

const FACILITATOR_KEY = "a-facilitator-key-for-i18n";

/** Width the page scrolls sideways beyond its viewport (0 when nothing overflows). */
const sidewaysOverflow = (page: Page) =>
  page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

describe("when the browser asks for Spanish", () => {
  let hearth: Awaited<ReturnType<typeof startHearthForTest>>;
  let browser: Browser;
  let page: Page;
  const errors: string[] = [];

  beforeAll(async () => {
    hearth = await startHearthForTest({ FACILITATOR_KEY });
    browser = await launchChromium();
    const context = await browser.newContext({ locale: "es-ES", viewport: { width: 1100, height: 700 } });
    page = await context.newPage();
    errors.push(...watchErrors(page));
  });

  afterAll(async () => {
    await browser?.close();
    await hearth?.close();
  });

  it("shows the lobby in Spanish, with lang=es on the document", async () => {
    await page.goto(`${hearth.url}/?e2e=1`);
    await page.getByRole("heading", { name: "Círculos de hoy" }).waitFor();
    await page.getByRole("button", { name: "Entrar en el círculo" }).waitFor();
    expect(await page.getAttribute("html", "lang")).toBe("es");
    expect(await page.getAttribute("html", "dir")).toBe("ltr");
    await screenshot(page, "i18n-lobby-es");
  });

  it("shows upcoming sessions in Spanish", async () => {
    await page.goto(`${hearth.url}/sessions`);
    await page.getByRole("heading", { name: "Próximas sesiones" }).waitFor();
    await page.getByRole("form", { name: "Filtrar sesiones" }).waitFor();
  });

  it("enters the circle as facilitator and shows the panel and controls in Spanish", async () => {
    await page.goto(`${hearth.url}/?e2e=1`);
    await page.getByLabel(/Seudónimo/).fill("Sereno Búho");
    await page.getByText("Facilito este círculo").click();
    await page.getByLabel("Clave de facilitador").fill(FACILITATOR_KEY);
    await page.getByRole("button", { name: "Entrar en el círculo" }).click();
    await page.waitForFunction(() => window.__hearth?.connection().status === "in-circle", undefined, { timeout: 30_000 });
    const panel = page.getByRole("complementary", { name: "Panel de facilitación" });
    await panel.getByRole("button", { name: "Bloquear sesión" }).waitFor();
    await panel.getByRole("button", { name: "Ronda de bienvenida" }).waitFor();
    await page.getByRole("navigation", { name: "Controles del círculo" }).getByRole("button", { name: "Levantar la mano" }).waitFor();
    await screenshot(page, "i18n-circle-es");
    await page.getByRole("button", { name: "Salir", exact: true }).click();
    await page.getByRole("button", { name: "Entrar en el círculo" }).waitFor({ timeout: 60_000 });
  }, 120_000);

  it("shows the VR lap menu and the facilitator's VR panel in Spanish", { timeout: 150_000 }, async () => {
    const vr = await browser.newContext({ locale: "es-ES", viewport: { width: 800, height: 500 } });
    const headset = await vr.newPage();
    errors.push(...watchErrors(headset));
    await headset.goto(`${hearth.url}/?e2e=1&xr-emulator`);
    await headset.getByLabel(/Seudónimo/).fill("Sereno Búho");
    await headset.getByText("Facilito este círculo").click();
    await headset.getByLabel("Clave de facilitador").fill(FACILITATOR_KEY);
    await headset.getByRole("button", { name: "Entrar en el círculo" }).click();
    await headset.waitForFunction(() => window.__hearth?.connection().status === "in-circle", undefined, { timeout: 30_000 });
    await headset.getByRole("button", { name: "Entrar en RV" }).click();
    await headset.waitForFunction(() => window.__hearth.xr().active, undefined, { timeout: 45_000, polling: 100 });
    const buttons = () => headset.evaluate(() => window.__hearthSafety.xrButtons());
    await headset.waitForFunction(() => window.__hearthSafety.xrButtons().includes("Levantar la mano"), undefined, { timeout: 20_000, polling: 100 });
    const menu = await buttons();
    expect(menu).toEqual(expect.arrayContaining(["Levantar la mano", "Salir del círculo", "Viñeta activada", "Mostrar subtítulos", "Sí", "Gracias"]));
    for (const english of ["Raise hand", "Leave circle", "Vignette on", "Show captions", "Yes", "Thank you", "Mute", "Unmute"]) expect(menu).not.toContain(english);
    expect(await headset.evaluate(() => window.__hearthSafety.xrPress("Facilitar"))).toBe(true);
    await headset.waitForFunction(() => window.__hearthSafety.xrButtons().includes("Empezar la guía"), undefined, { timeout: 20_000, polling: 100 });
    expect(await buttons()).toEqual(expect.arrayContaining(["Bloquear", "Silenciar a todos", "Empezar la guía"]));
    await vr.close();
  });

  it("switches to English from the switch and keeps the choice after a reload", async () => {
    await page.getByLabel("Idioma").selectOption("en");
    await page.getByRole("button", { name: "Enter the circle" }).waitFor();
    expect(await page.getAttribute("html", "lang")).toBe("en");
    await page.reload();
    await page.getByRole("heading", { name: "Today's circles" }).waitFor();
  });

  it("raises no page errors", () => {
    expect(errors).toEqual([]);
  });
});

describe("when the RTL pseudo-locale is chosen", () => {
  let hearth: Awaited<ReturnType<typeof startHearthForTest>>;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    hearth = await startHearthForTest();
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 390, height: 800 } });
  });

  afterAll(async () => {
    await browser?.close();
    await hearth?.close();
  });

  it("lays the lobby out right to left without sideways overflow", async () => {
    await page.goto(`${hearth.url}/?lang=ar-XB`);
    await page.locator("form button[type=submit]").waitFor();
    expect(await page.getAttribute("html", "dir")).toBe("rtl");
    expect(await page.getAttribute("html", "lang")).toBe("ar-XB");
    expect(await page.locator("form button[type=submit]").innerText()).toContain("Enter the circle");
    expect(await sidewaysOverflow(page)).toBeLessThanOrEqual(0);
    // The pseudonym row mirrors: the field first, on the right, its "suggest" button to its left.
    const field = (await page.locator("#pseudonym").boundingBox())!;
    const suggest = (await page.locator("#pseudonym + button").boundingBox())!;
    expect(suggest.x + suggest.width).toBeLessThanOrEqual(field.x + 1);
    await screenshot(page, "i18n-lobby-rtl");
  });

  it("keeps the choice on the upcoming sessions page, still without overflow", async () => {
    await page.goto(`${hearth.url}/sessions`);
    await page.getByRole("heading", { level: 1 }).waitFor();
    expect(await page.getAttribute("html", "dir")).toBe("rtl");
    expect(await sidewaysOverflow(page)).toBeLessThanOrEqual(0);
    await screenshot(page, "i18n-sessions-rtl");
  });
});
