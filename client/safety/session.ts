import type { Room } from "colyseus.js";
import { createStore } from "zustand/vanilla";
import { ClientMessage, ServerMessage } from "../../shared/protocol.ts";
import type {
  BlocksMessage,
  ReportCategory,
  ReportForFacilitators,
  ReportResolvedMessage,
} from "../../shared/safety.ts";
import { connection } from "../net/connection.ts";
import { followRooms } from "../net/follow-room.ts";

/**
 * What the safety features know during one circle session, in plain TypeScript (hooks select
 * from it): who is kept apart from you, whom you muted for yourself, and, for facilitators, the
 * report queue. Nothing here is written to storage: it ends with the session. The chat is its own
 * feature (client/chat/chat-session.ts).
 */
export interface SafetySession {
  /** Participants kept apart from you by a block (either side): never hear them, deny them your voice. */
  hidden: string[];
  /** People you blocked who are here now, for "unblock". */
  blocked: { id: string; pseudonym: string }[];
  /** People you reported (or muted): silent for you, no speaking ring. */
  mutedForMe: string[];
  /** Facilitators: reports waiting, oldest first. */
  reports: ReportForFacilitators[];
  /** Stepped out: what to restore on coming back. */
  steppedOut: { wasMuted: boolean; volume: number } | null;
  crisisOpen: boolean;
}

const empty = (): SafetySession => ({
  hidden: [],
  blocked: [],
  mutedForMe: [],
  reports: [],
  steppedOut: null,
  crisisOpen: false,
});

export const safety = createStore<SafetySession>(empty);

function send(type: string, payload: unknown): void {
  connection.getState().room?.send(type, payload);
}

export function block(target: string): void {
  send(ClientMessage.Block, { target });
}

export function unblock(target: string): void {
  send(ClientMessage.Unblock, { target });
}

/** Reports privately to the facilitators, and mutes that person for you at once. */
export function report(target: string, category: ReportCategory, note: string): void {
  const trimmed = note.trim();
  send(ClientMessage.Report, { target, category, ...(trimmed ? { note: trimmed } : {}) });
  muteForMe(target, true);
}

export function resolveReport(reportId: string): void {
  send(ClientMessage.ReportResolve, { reportId });
}

export function muteForMe(id: string, muted: boolean): void {
  safety.setState((s) => ({
    mutedForMe: muted ? [...new Set([...s.mutedForMe, id])] : s.mutedForMe.filter((m) => m !== id),
  }));
}

export function setCrisisOpen(open: boolean): void {
  safety.setState({ crisisOpen: open });
}

/** Whether a block keeps `id` apart from you (never subscribe to their audio). */
export function isHiddenFromMe(id: string): boolean {
  return safety.getState().hidden.includes(id);
}

/** Whether `id` must stay silent for you (kept apart by a block, or muted by you). */
export function silencedForMe(id: string): boolean {
  const { hidden, mutedForMe } = safety.getState();
  return hidden.includes(id) || mutedForMe.includes(id);
}

function wire(room: Room): void {
  room.onMessage(ServerMessage.Blocks, (message: BlocksMessage) => {
    safety.setState({ hidden: message.hidden, blocked: message.blocked });
  });
  room.onMessage(ServerMessage.Report, (incoming: ReportForFacilitators) => {
    safety.setState((s) => ({ reports: [...s.reports.filter((r) => r.id !== incoming.id), incoming] }));
  });
  room.onMessage(ServerMessage.ReportResolved, ({ id }: ReportResolvedMessage) => {
    safety.setState((s) => ({ reports: s.reports.filter((r) => r.id !== id) }));
  });
}

followRooms(wire, () => safety.setState(empty()));
