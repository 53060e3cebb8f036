import type { Client } from "@colyseus/core";
import {
  CAPTION_RATE_LINES,
  CAPTION_RATE_WINDOW_MS,
  type CaptionLine,
  CaptionMessage,
  captionSendSchema,
} from "../../shared/captions.ts";
import type { ErrorCode } from "../../shared/protocol.ts";
import { describeZodError } from "../../shared/schemas.ts";
import { filterChat } from "../safety/chat-filter.ts";
import type { Participant } from "./state.ts";

/** What the caption relay needs from the room around it (the chat's needs, less moderation). */
export interface CaptionsHost {
  now(): number;
  participant(id: string): Participant | undefined;
  seated(): Iterable<{ client: Client; participant: Participant }>;
  /** Whether `viewer` may see `sender` (not kept apart by a block). */
  canSee(viewer: string, sender: string): boolean;
  refuse(client: Client, type: string, code: ErrorCode, message: string): void;
}

/**
 * Caption lines and quick phrases, relayed like chat and forgotten: validated, rate-limited,
 * masked by the chat filter, sent to the sender's space minus anyone kept apart by a block.
 * Speech captions need the sender's "captions" mark on, so everyone knows they are captioned.
 * Nothing here is logged or stored.
 */
export class CircleCaptions {
  private readonly sent = new Map<string, number[]>();

  constructor(private readonly host: CaptionsHost) {}

  handleSend(client: Client, raw: unknown): void {
    const sender = this.host.participant(client.sessionId);
    if (!sender) return;
    const now = this.host.now();
    const times = (this.sent.get(sender.id) ?? []).filter((t) => now - t < CAPTION_RATE_WINDOW_MS);
    this.sent.set(sender.id, times);
    if (times.length >= CAPTION_RATE_LINES) {
      return this.host.refuse(client, CaptionMessage.Send, "rate_limited", "Captions are coming quickly: some were not shown.");
    }
    times.push(now);
    const parsed = captionSendSchema.safeParse(raw);
    if (!parsed.success) return this.host.refuse(client, CaptionMessage.Send, "invalid_message", describeZodError(parsed.error));
    if (parsed.data.kind === "speech" && !sender.captions) {
      return this.host.refuse(client, CaptionMessage.Send, "not_allowed", "Turn captions on first, so others see that you are captioned.");
    }
    const line: CaptionLine = { from: sender.id, kind: parsed.data.kind, text: filterChat(parsed.data.text).text, at: now };
    for (const { client: recipient, participant } of this.host.seated()) {
      if (participant.space !== sender.space) continue;
      if (participant.id !== sender.id && !this.host.canSee(participant.id, sender.id)) continue;
      recipient.send(CaptionMessage.Line, line);
    }
  }

  forget(id: string): void {
    this.sent.delete(id);
  }
}
