/**
 * A talking-piece round: the piece passes seat by seat. Only the holder (and facilitators)
 * may speak. Pure functions over a plain round; the room mirrors it into its schema state.
 */
export interface Round {
  /** Participant ids in the order the piece travels (seat order, from where it started). */
  order: string[];
  /** Index into `order` of the current holder; order.length when the round is over. */
  position: number;
}

export interface RoundMember {
  id: string;
  seat: number;
}

/** Seat order starting from the first seat after `afterSeat` (the facilitator's, usually). */
export function startRound(members: RoundMember[], afterSeat = -1): Round {
  const sorted = [...members].sort((a, b) => a.seat - b.seat);
  const firstAfter = sorted.findIndex((m) => m.seat > afterSeat);
  const start = firstAfter === -1 ? 0 : firstAfter;
  const order = [...sorted.slice(start), ...sorted.slice(0, start)].map((m) => m.id);
  return skipAbsent({ order, position: 0 }, () => true);
}

export function holder(round: Round): string | null {
  return round.order[round.position] ?? null;
}

/** Passes the piece to the next person who can take it (still here, not away). */
export function passPiece(round: Round, canHold: (id: string) => boolean): Round {
  return skipAbsent({ order: round.order, position: round.position + 1 }, canHold);
}

export function isOver(round: Round): boolean {
  return round.position >= round.order.length;
}

function skipAbsent(round: Round, canHold: (id: string) => boolean): Round {
  let position = round.position;
  while (position < round.order.length && !canHold(round.order[position]!)) position++;
  return { order: round.order, position };
}
