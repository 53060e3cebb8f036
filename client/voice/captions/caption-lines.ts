/**
 * Caption lines received from the room (ServerMessage.Caption): only the newest line per speaker,
 * for a few seconds, in memory. Nothing is kept after it fades; nothing is stored.
 */
import { createStore } from "zustand/vanilla";
import type { CaptionLine } from "../../../shared/captions.ts";

/** How long a line stays up. */
export const CAPTION_SHOWN_MS = 8000;

export interface CaptionsView {
  /** This viewer shows the captions of others' voices (quick phrases always show). */
  show: boolean;
  /** The newest line by speaker id. */
  lines: Record<string, CaptionLine & { shownUntil: number }>;
}

export const captionLines = createStore<CaptionsView>(() => ({ show: false, lines: {} }));

export function setShowCaptions(show: boolean): void {
  captionLines.setState({ show });
}

export function receiveCaption(line: CaptionLine): void {
  const shownUntil = Date.now() + CAPTION_SHOWN_MS;
  captionLines.setState((s) => ({ lines: { ...s.lines, [line.from]: { ...line, shownUntil } } }));
  setTimeout(() => {
    const current = captionLines.getState().lines[line.from];
    if (current && current.shownUntil <= Date.now()) {
      const { [line.from]: _gone, ...rest } = captionLines.getState().lines;
      captionLines.setState({ lines: rest });
    }
  }, CAPTION_SHOWN_MS + 50);
}

/** Whether this viewer sees the line: phrases always, speech captions once they turned captions on. */
export const visibleCaption = (line: CaptionLine, show: boolean) => line.kind === "phrase" || show;

export function clearCaptions(): void {
  captionLines.setState({ lines: {} });
}
