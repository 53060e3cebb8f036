/**
 * A stand-in for the Web Speech API in Chromium (headless Chromium has no on-device speech
 * models): an init script that defines `SpeechRecognition` with `available()` and the
 * `processLocally` switch, and says `lines` as final results once started. The page records how
 * it was asked (`window.__speechAsked`) so a test can check captions stay on the device.
 */
import type { Page } from "playwright-core";

export interface SpeechAsked {
  available: { langs: string[]; processLocally: boolean }[];
  started: { processLocally: boolean; lang: string }[];
}

export async function stubSpeechRecognition(page: Page, lines: string[], availability = "available"): Promise<void> {
  await page.addInitScript(
    ({ lines, availability }) => {
      const asked: SpeechAsked = { available: [], started: [] };
      (window as unknown as { __speechAsked: SpeechAsked }).__speechAsked = asked;
      class StubRecognition {
        lang = "";
        continuous = false;
        interimResults = false;
        processLocally = false;
        onresult: ((event: unknown) => void) | null = null;
        onend: (() => void) | null = null;
        onerror: ((event: unknown) => void) | null = null;
        private said = 0;
        private timer: ReturnType<typeof setInterval> | undefined;
        static available(options: { langs: string[]; processLocally: boolean }): Promise<string> {
          asked.available.push(options);
          return Promise.resolve(availability);
        }
        start(): void {
          asked.started.push({ processLocally: this.processLocally, lang: this.lang });
          clearInterval(this.timer);
          this.timer = setInterval(() => {
            const text = lines[this.said % lines.length]!;
            const results = Object.assign([Object.assign([{ transcript: text, confidence: 0.9 }], { isFinal: true })], {});
            this.onresult?.({ resultIndex: 0, results });
            this.said++;
          }, 1000); // ten lines in ten seconds: within the captions' rate (shared/captions.ts)
        }
        stop(): void {
          clearInterval(this.timer);
        }
      }
      Object.assign(window, { SpeechRecognition: StubRecognition, webkitSpeechRecognition: StubRecognition });
    },
    { lines, availability },
  );
}
