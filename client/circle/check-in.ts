import type { Room } from "colyseus.js";
import { createStore } from "zustand/vanilla";
import type { CheckIn, CheckInMoment, CheckInTicket } from "../../shared/checkins.ts";
import { type ErrorReply, ClientMessage, ServerMessage } from "../../shared/protocol.ts";
import { connection } from "../net/connection.ts";

/**
 * Anonymous check-ins on this device (shared/checkins.ts). The room hands each seat a token that
 * names only the session; it is kept for this tab (sessionStorage) so the check-in after the
 * circle can still be sent once the room has closed. Nothing here says who answered.
 */
export interface CheckInState {
  ticket: CheckInTicket | null;
  /** Moments answered or put aside on this device this session. */
  settled: CheckInMoment[];
  /** What the last answer was, for the thank-you line. */
  last: { moment: CheckInMoment; wantsCheckIn: boolean } | null;
  error: string | null;
}

const TICKET_KEY = "hearth.checkInTicket";

function storedTicket(): CheckInTicket | null {
  try {
    const raw = sessionStorage.getItem(TICKET_KEY);
    return raw ? (JSON.parse(raw) as CheckInTicket) : null;
  } catch {
    return null;
  }
}

export const checkIns = createStore<CheckInState>(() => ({ ticket: storedTicket(), settled: [], last: null, error: null }));

const settle = (moment: CheckInMoment) => checkIns.setState((s) => ({ settled: s.settled.includes(moment) ? s.settled : [...s.settled, moment] }));

/** Whether the card for `moment` should still be offered. */
export function wantsAnswer(state: CheckInState, moment: CheckInMoment): boolean {
  return state.ticket !== null && !state.ticket.done.includes(moment) && !state.settled.includes(moment);
}

/** In the circle: through the room, which also tells the facilitators when you ask for a check-in. */
export function sendCheckIn(checkIn: CheckIn): void {
  const room = connection.getState().room;
  if (!room) return;
  room.send(ClientMessage.CheckIn, checkIn);
  settle(checkIn.moment);
  checkIns.setState({ last: { moment: checkIn.moment, wantsCheckIn: checkIn.wantsCheckIn ?? false }, error: null });
}

/** After the circle closed: the token alone, over HTTP. */
export async function sendCheckInAfter(mood: number): Promise<void> {
  const ticket = checkIns.getState().ticket;
  if (!ticket) return;
  settle("after");
  const res = await fetch("/api/checkins", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ token: ticket.token, moment: "after", mood }),
  });
  if (res.ok || res.status === 409) {
    checkIns.setState({ last: { moment: "after", wantsCheckIn: false }, error: null });
    return;
  }
  const body = (await res.json().catch(() => ({}))) as { error?: string };
  checkIns.setState({ error: body.error ?? res.statusText });
}

export function putAside(moment: CheckInMoment): void {
  settle(moment);
}

function wire(room: Room): void {
  room.onMessage(ServerMessage.CheckInToken, (ticket: CheckInTicket) => {
    sessionStorage.setItem(TICKET_KEY, JSON.stringify(ticket));
    checkIns.setState({ ticket });
  });
  room.onMessage(ServerMessage.Error, (reply: ErrorReply) => {
    if (reply.type === ClientMessage.CheckIn) checkIns.setState({ error: reply.message, last: null });
  });
  room.send(ClientMessage.CheckInTicket, {});
}

let wired: Room | null = null;
function follow(room: Room | null): void {
  if (room && room !== wired) {
    if (wired && wired.roomId !== room.roomId) checkIns.setState({ ticket: null, settled: [], last: null, error: null });
    wired = room;
    wire(room);
  }
}
follow(connection.getState().room);
connection.subscribe((s) => follow(s.room));
