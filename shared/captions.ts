/**
 * Captions of one's own voice, transcribed on the speaker's device (Web Speech API, on-device
 * mode), and quick phrases for those who cannot speak aloud. Relayed like chat: filtered,
 * rate-limited, to the people in the sender's space who can see them; never stored or logged.
 * Messages: ClientMessage.Caption in, ServerMessage.Caption out (shared/protocol.ts).
 */
import { z } from "zod";
import { normaliseChatText } from "./chat.ts";

export const CAPTION_TEXT_MAX = 200;
/** Caption lines one participant may send per window (interim results are not sent, final lines are). */
export const CAPTION_RATE_LINES = 12;
export const CAPTION_RATE_WINDOW_MS = 10_000;

export const QUICK_PHRASES = ["Yes", "No", "Thank you", "I agree", "I'd like to pass", "I'm listening", "Can you repeat that?", "One moment"] as const;

export const captionSendSchema = z
  .object({
    kind: z.enum(["speech", "phrase"]),
    text: z
      .string()
      .max(CAPTION_TEXT_MAX * 2)
      .transform(normaliseChatText)
      .pipe(z.string().min(1, "The caption is empty.").max(CAPTION_TEXT_MAX, `A caption can have at most ${CAPTION_TEXT_MAX} characters.`)),
  })
  .strict();
export type CaptionSend = z.infer<typeof captionSendSchema>;

export interface CaptionLine {
  from: string;
  kind: CaptionSend["kind"];
  text: string;
  at: number;
}
