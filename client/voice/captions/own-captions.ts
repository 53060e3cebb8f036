/**
 * Captions of one's own voice, made on this device with the Web Speech API's on-device mode:
 * `SpeechRecognition.available({ langs, processLocally: true })` first, then a recognizer with
 * `processLocally = true`, so the audio never goes to a speech service. Only final lines are
 * sent, through the room (ClientMessage.Caption); where on-device recognition is not available
 * it says so, and everything else goes on working.
 */
import { createStore } from "zustand/vanilla";
import { CAPTION_TEXT_MAX } from "../../../shared/captions.ts";
import { ClientMessage } from "../../../shared/protocol.ts";
import { sendMessage } from "../../net/connection.ts";
import { voice } from "../voice.ts";

interface RecognitionResultEvent {
  resultIndex: number;
  results: ArrayLike<{ isFinal: boolean; 0: { transcript: string } }>;
}

interface OnDeviceRecognition {
  lang: string;
  continuous: boolean;
  interimResults: boolean;
  processLocally: boolean;
  onresult: ((event: RecognitionResultEvent) => void) | null;
  onend: (() => void) | null;
  onerror: ((event: { error: string }) => void) | null;
  start(): void;
  stop(): void;
}

interface RecognitionClass {
  new (): OnDeviceRecognition;
  available?(options: { langs: string[]; processLocally: boolean }): Promise<string>;
  install?(options: { langs: string[]; processLocally: boolean }): Promise<boolean>;
}

export type OwnCaptionsStatus = "off" | "starting" | "on" | "unavailable";

export const ownCaptions = createStore<{ status: OwnCaptionsStatus; reason: string | null }>(() => ({ status: "off", reason: null }));

let recognition: OnDeviceRecognition | null = null;

function recognitionClass(): RecognitionClass | undefined {
  const scope = globalThis as { SpeechRecognition?: RecognitionClass; webkitSpeechRecognition?: RecognitionClass };
  return scope.SpeechRecognition ?? scope.webkitSpeechRecognition;
}

const UNAVAILABLE = "On-device captions are not available in this browser, so your voice is not captioned. Quick phrases still work.";

/** Whether this browser can caption on the device for `lang` (it may fetch the language pack first). */
async function onDeviceReady(Recognition: RecognitionClass, lang: string): Promise<boolean> {
  if (!Recognition.available) return false; // no on-device mode: never fall back to a cloud service
  const options = { langs: [lang], processLocally: true };
  const availability = await Recognition.available(options);
  if (availability === "available") return true;
  if ((availability === "downloadable" || availability === "downloading") && Recognition.install) return Recognition.install(options);
  return false;
}

export async function startOwnCaptions(lang = navigator.language || "en-US"): Promise<void> {
  if (recognition) return;
  const Recognition = recognitionClass();
  ownCaptions.setState({ status: "starting", reason: null });
  const ready = Recognition ? await onDeviceReady(Recognition, lang).catch(() => false) : false;
  if (!Recognition || !ready) {
    ownCaptions.setState({ status: "unavailable", reason: UNAVAILABLE });
    return;
  }
  const r = new Recognition();
  r.lang = lang;
  r.continuous = true;
  r.interimResults = false;
  r.processLocally = true;
  r.onresult = (event) => {
    for (let i = event.resultIndex; i < event.results.length; i++) {
      const result = event.results[i]!;
      const text = result[0].transcript.trim().slice(0, CAPTION_TEXT_MAX);
      const { selfMuted, micAllowed } = voice.getState();
      // A muted voice is not heard, so it is not captioned either.
      if (result.isFinal && text && !selfMuted && micAllowed) sendMessage(ClientMessage.Caption, { kind: "speech", text });
    }
  };
  r.onerror = (event) => {
    if (event.error === "language-not-supported" || event.error === "service-not-allowed" || event.error === "not-allowed") {
      stopOwnCaptions(UNAVAILABLE);
    }
  };
  // Recognition stops by itself after a silence: carry on while captions are on.
  r.onend = () => {
    if (recognition === r) r.start();
  };
  recognition = r;
  voice.setState({ captions: true });
  ownCaptions.setState({ status: "on", reason: null });
  r.start();
}

export function stopOwnCaptions(reason: string | null = null): void {
  const r = recognition;
  recognition = null;
  r?.stop();
  voice.setState({ captions: false });
  ownCaptions.setState({ status: reason ? "unavailable" : "off", reason });
}

/** A quick phrase, shown as a caption at my avatar (for those who cannot speak aloud here). */
export function sendQuickPhrase(text: string): void {
  sendMessage(ClientMessage.Caption, { kind: "phrase", text });
}
