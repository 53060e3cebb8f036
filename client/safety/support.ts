import type { Room } from "colyseus.js";
import { createStore } from "zustand/vanilla";
import type { ChatCoolDownMessage } from "../../shared/chat.ts";
import type { CrisisCategory } from "../../shared/crisis/types.ts";
import type { SupportFlag, SupportOffer, SupportRequest } from "../../shared/crisis-support.ts";
import { ClientMessage, ServerMessage } from "../../shared/protocol.ts";
import { connection } from "../net/connection.ts";
import { setCrisisOpen } from "./session.ts";

/**
 * The crisis assist on this device, in memory only: the gentle offer shown to the writer, their
 * "talk to the facilitator privately" request, chat cool-downs, and (facilitators) the private
 * "someone may need support" flags. Nothing here is stored or sent anywhere but to the room.
 */
export interface SupportState {
  /** Shown at the top of the crisis panel; null when it was opened by hand. */
  offer: { category: CrisisCategory; source: "check" | "room" } | null;
  /** When this device last showed the offer from its own pre-send check (ms, local clock). */
  checkedAt: number;
  /** The person asked the facilitators to reach out (this session). */
  requested: boolean;
  /** Facilitators: who may need support, oldest first. */
  flags: SupportFlag[];
  /** participant id → when their chat cool-down ends (ms, local clock). Yours included. */
  coolDowns: Record<string, number>;
}

const empty = (): SupportState => ({ offer: null, checkedAt: 0, requested: false, flags: [], coolDowns: {} });
export const support = createStore<SupportState>(empty);

/** A room offer within this time of the device's own check is the same moment: not shown twice. */
const SAME_MOMENT_MS = 2 * 60_000;

/** The writer's own device saw crisis language in their draft: open the resources, gently. */
export function offerSupportBeforeSending(category: CrisisCategory): void {
  support.setState({ offer: { category, source: "check" }, checkedAt: Date.now() });
  setCrisisOpen(true);
}

/** "Talk to the facilitator privately": a request that reaches only the session's facilitators. */
export function requestSupport(from: NonNullable<SupportRequest["from"]>, category?: CrisisCategory): void {
  const payload: SupportRequest = { from, ...(category ? { category } : {}) };
  connection.getState().room?.send(ClientMessage.SupportRequest, payload);
  support.setState({ requested: true });
}

export function clearOffer(): void {
  if (support.getState().offer) support.setState({ offer: null });
}

/** Facilitators: take a flag off your own list (it stays with the other facilitators). */
export function dismissFlag(id: string): void {
  support.setState((s) => ({ flags: s.flags.filter((f) => f.id !== id) }));
}

/** Facilitators: let someone write again before their cool-down runs out. */
export function liftCoolDown(participantId: string): void {
  connection.getState().room?.send(ClientMessage.ChatModerate, { action: "liftCoolDown", participantId });
}

/** Milliseconds left of `id`'s chat cool-down (0 when none). */
export function coolDownLeft(coolDowns: SupportState["coolDowns"], id: string, now = Date.now()): number {
  return Math.max(0, (coolDowns[id] ?? 0) - now);
}

function wire(room: Room): void {
  room.onMessage(ServerMessage.SupportOffer, ({ category }: SupportOffer) => {
    if (Date.now() - support.getState().checkedAt < SAME_MOMENT_MS) return;
    support.setState({ offer: { category, source: "room" } });
    setCrisisOpen(true);
  });
  room.onMessage(ServerMessage.SupportFlag, (flag: SupportFlag) => {
    support.setState((s) => ({ flags: [...s.flags.filter((f) => f.id !== flag.id), flag] }));
  });
  room.onMessage(ServerMessage.ChatCoolDown, ({ participantId, remainingMs }: ChatCoolDownMessage) => {
    support.setState((s) => {
      const coolDowns = { ...s.coolDowns };
      if (remainingMs > 0) coolDowns[participantId] = Date.now() + remainingMs;
      else delete coolDowns[participantId];
      return { coolDowns };
    });
  });
}

let wired: Room | null = null;
function follow(room: Room | null, status: string): void {
  if (room && room !== wired) {
    if (wired?.sessionId !== room.sessionId) support.setState(empty());
    wired = room;
    wire(room);
  }
  if (!room && (status === "left" || status === "idle")) {
    wired = null;
    support.setState(empty());
  }
}
follow(connection.getState().room, connection.getState().status);
connection.subscribe((s) => follow(s.room, s.status));
