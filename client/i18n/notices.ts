import type { TFunction } from "i18next";
import { type NoticeKindName, type NoticeMessage, noticeTexts } from "../../shared/notices.ts";

/**
 * A server notice in the chosen language, by its kind. The wire carries the kind and the English
 * words only, so a kind whose words vary by a flag is told apart by comparing with the shared
 * English texts; a kind that carries a name or a number keeps the server's English words.
 */
const variants: Partial<Record<NoticeKindName, [suffix: string, english: string][]>> = {
  "session-ended": [["facilitator", noticeTexts["session-ended"]("facilitator")], ["schedule", noticeTexts["session-ended"]("schedule")]],
  "holding-piece": [["muted", noticeTexts["holding-piece"](true)], ["open", noticeTexts["holding-piece"](false)]],
  "support-request-received": [["here", noticeTexts["support-request-received"](true)], ["away", noticeTexts["support-request-received"](false)]],
};

export function noticeText(notice: NoticeMessage, t: TFunction): string {
  const options = variants[notice.kind as NoticeKindName];
  let key = `notices.${notice.kind}`;
  if (options) {
    const match = options.find(([, english]) => english === notice.message);
    if (!match) return notice.message;
    key = `${key}_${match[0]}`;
  }
  // Kinds without a translation (arguments, or unknown to this client) fall back to the server's words.
  return t(key, { defaultValue: notice.message });
}
