import type { Client } from "@colyseus/core";
import { CAPTION_RATE_LINES, CAPTION_RATE_WINDOW_MS, type CaptionLine } from "../../shared/captions.ts";
import { ClientMessage, ServerMessage } from "../../shared/protocol.ts";
import type { ClientPayload } from "../../shared/schemas.ts";
import { filterChat } from "../safety/chat-filter.ts";
import type { Refuse } from "./message-gate.ts";
import type { Participant } from "./state.ts";

/** What the caption relay needs from the room around it (the chat's needs, less moderation). */
export interface CaptionsHost {
  now(): number;
  seated(): Iterable<{ client: Client; participant: Participant }>;
  /** Whether `viewer` may see `sender` (not kept apart by a block). */
  canSee(viewer: string, sender: string): boolean;
  /** The room's message gate refusal (it costs a strike). */
  refuse: Refuse;
}

/**
 * Caption lines and quick phrases, relayed like chat and forgotten: validated, rate-limited,
 * masked by the chat filter, sent to the sender's space minus anyone kept apart by a block.
 * Speech captions need the sender's "captions" mark on, so everyone knows they are captioned, and
 * a microphone that may speak: a hard mute (or one's own mute) silences the captions of one's voice
 * too. Quick phrases stay open, like the chat. Nothing here is logged or stored.
 */
export class CircleCaptions {
  private readonly sent = new Map<string, number[]>();

  constructor(private readonly host: CaptionsHost) {}

  /** ClientMessage.Caption, through the message gate (schema checked: trimmed, 1–200 characters). */
  handleSend(client: Client, caption: ClientPayload<"caption">, sender: Participant): void {
    const now = this.host.now();
    const times = (this.sent.get(sender.id) ?? []).filter((t) => now - t < CAPTION_RATE_WINDOW_MS);
    this.sent.set(sender.id, times);
    if (times.length >= CAPTION_RATE_LINES) {
      return this.host.refuse(client, ClientMessage.Caption, "rate_limited", "Captions are coming quickly: some were not shown.");
    }
    times.push(now);
    if (caption.kind === "speech" && !sender.captions) {
      return this.host.refuse(client, ClientMessage.Caption, "not_allowed", "Turn captions on first, so others see that you are captioned.");
    }
    if (caption.kind === "speech" && (!sender.micAllowed || sender.muted)) {
      return this.host.refuse(client, ClientMessage.Caption, "not_allowed", "You're muted, so your voice's captions are not shown. Quick phrases still are.");
    }
    const line: CaptionLine = { from: sender.id, kind: caption.kind, text: filterChat(caption.text).text, at: now };
    for (const { client: recipient, participant } of this.host.seated()) {
      if (participant.space !== sender.space) continue;
      if (participant.id !== sender.id && !this.host.canSee(participant.id, sender.id)) continue;
      recipient.send(ServerMessage.Caption, line);
    }
  }

  forget(id: string): void {
    this.sent.delete(id);
  }
}
