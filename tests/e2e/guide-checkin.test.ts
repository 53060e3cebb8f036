/**
 * The facilitator's guide and the anonymous check-in, in Chromium: the facilitator steps through
 * the guide's prompts in order (each step setting its phase), participants see each step's card;
 * a participant checks in with one tap and asks for someone to check in with them, which reaches
 * the facilitator privately; the store keeps counts per session and bucket only.
 */
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { OPEN_CIRCLE_ID } from "../../server/circles/catalog.ts";
import { guideFromTemplate } from "../../shared/guide-templates.ts";
import { launchChromium, screenshot, watchErrors } from "./support/browser.ts";
import { enterCircle } from "./support/enter.ts";
import { startHearthForTest } from "./support/hearth.ts";

const FACILITATOR_KEY = "a-guide-facilitator-key";
const GUIDE = guideFromTemplate("classic", "en")!;

describe("the guide and the check-in, in the browser", () => {
  let hearth: Awaited<ReturnType<typeof startHearthForTest>>;
  let browser: Browser;
  let facilitator: Page;
  let participant: Page;
  let participantId: string;
  const errors: string[] = [];

  beforeAll(async () => {
    hearth = await startHearthForTest({ CLIENT_DIR: "dist/client", FACILITATOR_KEY, DATA_DIR: ":memory:" });
    browser = await launchChromium();
    const newPage = () => browser.newPage({ viewport: { width: 960, height: 600 } });
    [facilitator, participant] = [await newPage(), await newPage()];
    for (const page of [facilitator, participant]) errors.push(...watchErrors(page));
    await enterCircle(facilitator, hearth.url, "Sam Facilitator", { facilitatorKey: FACILITATOR_KEY });
    participantId = await enterCircle(participant, hearth.url, "Quiet Otter");
  });

  afterAll(async () => {
    await browser?.close();
    await hearth?.close();
  });

  it("shows the facilitator the guide's prompts in order, and everyone its cards", { timeout: 120_000 }, async () => {
    const guide = facilitator.getByRole("complementary", { name: "Facilitator panel" }).getByRole("region", { name: "Guide" });
    await guide.getByText("The guide has not started").waitFor();
    await guide.getByRole("button", { name: "Start the guide" }).click();
    const phases = { arrival: "Arrival", checkin: "Check-in round", sharing: "Open sharing", closing: "Closing round" } as const;
    for (const [i, step] of GUIDE.steps.entries()) {
      if (i > 0) await guide.getByRole("button", { name: "Next step" }).click();
      await guide.getByText(`Step ${i + 1} of ${GUIDE.steps.length}`).waitFor();
      await guide.getByText(step.prompt).waitFor();
      expect(await guide.getByRole("button", { name: `Go to ${step.title}` }).getAttribute("aria-current")).toBe("step");
      // Everyone sees the step's card, and the circle is in the step's phase (checked at each change of phase).
      if (i === 0 || step.phase !== GUIDE.steps[i - 1]!.phase) {
        const card = participant.getByRole("complementary", { name: "Now in the circle" });
        await card.getByText(step.card).waitFor();
        await participant.locator(".circle-bar").getByText(phases[step.phase]).waitFor();
      }
      if (i === 1) await screenshot(facilitator, "guide-facilitator");
    }
    await guide.getByText("That was the last step.").waitFor();
    expect(await guide.getByRole("button", { name: "Next step" }).count()).toBe(0);
    // The participant never sees the prompts.
    expect(await participant.getByText(GUIDE.steps[1]!.prompt).count()).toBe(0);
    // Back to the start for the check-in below.
    await guide.getByRole("button", { name: `Go to ${GUIDE.steps[0]!.title}` }).click();
    await participant.locator(".circle-bar").getByText("Arrival").waitFor();
  });

  it("takes a one-tap check-in, tells the facilitator privately, and stores only counts", { timeout: 90_000 }, async () => {
    const card = participant.getByRole("region", { name: "How are you arriving?" });
    await card.waitFor();
    await screenshot(participant, "check-in-card");
    await card.getByLabel("I'd like someone to check in with me").check();
    await card.getByRole("button", { name: "Low", exact: true }).click();
    await participant.getByText("The facilitator knows you'd like someone to check in with you.").waitFor();
    expect(await participant.getByRole("region", { name: "How are you arriving?" }).count()).toBe(0);

    const flag = facilitator.locator(`[data-support-participant="${participantId}"]`);
    await flag.getByText("asked in their check-in for someone to check in with them").waitFor();
    await flag.getByText("Quiet Otter").waitFor();

    const rows = await hearth.scheduling.db.query<Record<string, unknown>>("SELECT * FROM checkin_counts ORDER BY bucket");
    expect(rows.map((r) => [r.circle_id, r.moment, r.bucket, r.count])).toEqual([
      [OPEN_CIRCLE_ID, "before", "mood-2", 1],
      [OPEN_CIRCLE_ID, "before", "wants-check-in", 1],
    ]);
    expect(Object.keys(rows[0]!).sort()).toEqual(["bucket", "circle_id", "count", "moment", "session_key", "session_start"]);

    // Reloading the page (same device) does not ask again.
    await participant.reload();
    await participant.waitForFunction(() => window.__hearth?.connection().status === "in-circle", undefined, { timeout: 30_000 });
    await participant.waitForTimeout(1000);
    expect(await participant.getByRole("region", { name: "How are you arriving?" }).count()).toBe(0);
  });

  it("asks how people are leaving once the circle reaches its closing", { timeout: 60_000 }, async () => {
    const guide = facilitator.getByRole("region", { name: "Guide" });
    await guide.getByRole("button", { name: `Go to ${GUIDE.steps.at(-1)!.title}` }).click();
    const card = participant.getByRole("region", { name: "How are you leaving?" });
    await card.waitFor();
    await card.getByRole("button", { name: "Good", exact: true }).click();
    await participant.getByText("Thank you for checking in.").waitFor();
    const after = await hearth.scheduling.db.query<{ bucket: string; count: number }>("SELECT bucket, count FROM checkin_counts WHERE moment = 'after'");
    expect(after).toEqual([{ bucket: "mood-4", count: 1 }]);
  });

  it("raises no page errors", () => {
    expect(errors).toEqual([]);
  });
});
