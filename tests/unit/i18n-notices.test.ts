import { createInstance } from "i18next";
import { beforeAll, describe, expect, it } from "vitest";
import { en } from "../../client/i18n/locales/en.ts";
import { es } from "../../client/i18n/locales/es.ts";
import { noticeText } from "../../client/i18n/notices.ts";
import { notice, NoticeKinds } from "../../shared/notices.ts";

const i18n = createInstance();

beforeAll(async () => {
  await i18n.init({ lng: "es", fallbackLng: "en", resources: { en: { translation: en }, es: { translation: es } } });
});

describe("when a server notice arrives in a Spanish UI", () => {
  it("shows it in Spanish by its kind", () => {
    expect(noticeText(notice("admitted"), i18n.t)).toBe(es.notices.admitted);
    expect(noticeText(notice("muted-by-facilitator"), i18n.t)).toBe(es.notices["muted-by-facilitator"]);
  });

  it("tells a kind's variants apart by the shared English words", () => {
    expect(noticeText(notice("session-ended", "schedule"), i18n.t)).toBe(es.notices["session-ended_schedule"]);
    expect(noticeText(notice("holding-piece", true), i18n.t)).toBe(es.notices["holding-piece_muted"]);
    expect(noticeText(notice("support-request-received", false), i18n.t)).toBe(es.notices["support-request-received_away"]);
  });

  it("keeps the server's English words for kinds with names or numbers, and for unknown kinds", () => {
    const moved = notice("moved-seat", 3);
    expect(noticeText(moved, i18n.t)).toBe(moved.message);
    expect(noticeText({ kind: "from-a-newer-server", message: "Hello." }, i18n.t)).toBe("Hello.");
  });

  it("has English words that match the server's for every translated kind", () => {
    const kinds = new Set<string>(Object.values(NoticeKinds));
    for (const [key, text] of Object.entries(en.notices)) {
      const kind = key.replace(/_(facilitator|schedule|muted|open|here|away)$/, "");
      expect(kinds.has(kind), key).toBe(true);
      if (kind === key) expect(text).toBe(notice(kind as "admitted").message);
    }
  });
});
