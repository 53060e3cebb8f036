import type { Room } from "colyseus.js";
import { createStore } from "zustand/vanilla";
import { CHAT_SHOWN_MAX, type ChatDeletedMessage, type ChatMessage } from "../../shared/chat.ts";
import { ClientMessage, ServerMessage } from "../../shared/protocol.ts";
import { connection } from "../net/connection.ts";
import { followRooms } from "../net/follow-room.ts";
import { safety } from "../safety/session.ts";

/**
 * The circle's text chat during one session, in plain TypeScript (hooks select from it). Nothing
 * here is written to storage: it ends with the session. Whom you muted for yourself is safety's
 * (client/safety/session.ts): the chat views filter by it.
 */
export interface ChatSession {
  messages: ChatMessage[];
  /** Unread messages while the chat panel is closed. */
  unread: number;
  open: boolean;
  /** A facilitator paused the chat (room state). */
  paused: boolean;
}

const empty = (): ChatSession => ({ messages: [], unread: 0, open: false, paused: false });

export const chat = createStore<ChatSession>(empty);

function send(type: string, payload: unknown): void {
  connection.getState().room?.send(type, payload);
}

export function sendChat(text: string): void {
  send(ClientMessage.Chat, { text });
}

export function deleteChatMessage(messageId: string): void {
  send(ClientMessage.ChatModerate, { action: "delete", messageId });
}

export function pauseChat(paused: boolean): void {
  send(ClientMessage.ChatModerate, { action: "pause", paused });
}

export function setChatOpen(open: boolean): void {
  chat.setState((s) => ({ open, unread: open ? 0 : s.unread }));
}

function wire(room: Room): void {
  room.onStateChange((state: { chatPaused?: boolean }) => {
    const paused = state.chatPaused ?? false;
    if (chat.getState().paused !== paused) chat.setState({ paused });
  });
  room.onMessage(ServerMessage.Chat, (message: ChatMessage) => {
    if (safety.getState().hidden.includes(message.from)) return;
    chat.setState((s) => ({
      messages: [...s.messages, message].slice(-CHAT_SHOWN_MAX),
      unread: s.open || message.from === room.sessionId ? s.unread : s.unread + 1,
    }));
  });
  room.onMessage(ServerMessage.ChatDeleted, ({ id }: ChatDeletedMessage) => {
    chat.setState((s) => ({ messages: s.messages.filter((m) => m.id !== id) }));
  });
}

/**
 * A block hides both ways, past included: the server tells both people who is kept apart from
 * them (the Blocks message), and each side drops what the other said. Chat is never stored on the
 * server, so this purge of the copies already shown is the whole of it.
 */
function purgeHidden(hidden: readonly string[]): void {
  if (hidden.length === 0) return;
  const { messages } = chat.getState();
  const kept = messages.filter((m) => !hidden.includes(m.from));
  if (kept.length !== messages.length) chat.setState({ messages: kept });
}

safety.subscribe((s, prev) => {
  if (s.hidden !== prev.hidden) purgeHidden(s.hidden);
});

followRooms(wire, () => chat.setState(empty()));
