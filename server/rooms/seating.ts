import { DEFAULT_AVATAR_STYLE } from "../../shared/avatar.ts";
import { type Client, type Deferred, ServerError } from "@colyseus/core";
import { Spaces } from "../../shared/facilitation.ts";
import { notice } from "../../shared/notices.ts";
import { CloseCode, type Role, ServerMessage } from "../../shared/protocol.ts";
import { AVATAR_COLORS } from "../../shared/avatar.ts";
import { looksAlike } from "../../shared/pseudonym-key.ts";
import type { RoomRecords } from "../safety/room-records.ts";
import { type CircleState, NO_SEAT, Participant } from "./state.ts";

/**
 * Close codes that mean the connection broke the protocol (ws: 1002 protocol error, 1003 and 1007
 * bad data, 1008 policy, 1009 too big; Colyseus: 4002 an undecodable message). Such a connection
 * did not drop by accident: no seat is held for it, so a script cannot fill a circle with seats
 * held for connections it ruined on purpose.
 */
const PROTOCOL_VIOLATIONS = new Set([1002, 1003, 1007, 1008, 1009, 4002]);

/** What Colyseus' WebSocket client wraps: the socket's own close and error events. */
interface ClientSocket {
  once(event: "close", listener: (code: number) => void): unknown;
  once(event: "error", listener: (error: unknown) => void): unknown;
}

/** Who a participant is beyond the state: ids for bans and the audit log (never shown to others). */
export interface Identity {
  accountId?: string;
  participantKeyHash?: string;
}

/** What a newcomer brings, once admitted (onAuth). */
export interface Arrival extends Identity {
  pseudonym: string;
  role: Role;
  color: string;
  avatarStyle?: string;
  /** The seat this person held before their connection dropped (their own device came back): theirs again if free. */
  reclaimSeat?: { space: string; seat: number };
}

export interface SeatingHost {
  readonly state: CircleState;
  client(id: string): Client | undefined;
  /** Where a newcomer goes and which seat is free there (the circle's flow decides). */
  arrivalSpace(role: string): string;
  freeSeat(space: string): number | null;
  records(): RoomRecords | undefined;
}

/**
 * Who is in the circle: seating newcomers, holding a dropped participant's seat for their
 * reconnection, and ending someone's connection on purpose (removed, banned, out of strikes,
 * or the session is over), which holds no seat.
 */
export class Seating {
  /** Sessions the server closed on purpose: they do not get their seat held. */
  private readonly removed = new Set<string>();
  /** Dropped connections whose seat is held for a reconnect; removing or banning them ends the wait. */
  private readonly reconnections = new Map<string, Deferred<Client>>();
  private readonly identities = new Map<string, Identity>();
  /** Who waits for a participant to have left for good (a held seat being taken back). */
  private readonly leaving = new Map<string, () => void>();

  constructor(private readonly host: SeatingHost) {}

  /**
   * A new participant for this client, seated (or in the waiting room), not yet in the state.
   * Throws a ServerError the joiner sees when the pseudonym is taken or the circle is full.
   */
  seat(id: string, arrival: Arrival): Participant {
    for (const p of this.host.state.participants.values()) {
      if (looksAlike(p.pseudonym, arrival.pseudonym)) {
        throw new ServerError(409, `Someone here is already called "${arrival.pseudonym}". Please choose another pseudonym.`);
      }
    }
    const space = this.host.arrivalSpace(arrival.role);
    const seat = space === Spaces.Waiting ? NO_SEAT : (this.heldSeatIfFree(arrival, space) ?? this.host.freeSeat(space));
    const capacity = this.host.state.capacity;
    if (seat === null) {
      throw new ServerError(409, `This circle is full (${capacity} of ${capacity} seats are taken). Please try again later.`);
    }
    const participant = new Participant();
    participant.id = id;
    participant.pseudonym = arrival.pseudonym;
    participant.role = arrival.role;
    participant.color = distinctColor(arrival.color, this.host.state);
    participant.avatarStyle = arrival.avatarStyle ?? DEFAULT_AVATAR_STYLE;
    participant.seat = seat;
    participant.space = space;
    this.identities.set(id, { accountId: arrival.accountId, participantKeyHash: arrival.participantKeyHash });
    return participant;
  }

  identity(id: string): Identity | undefined {
    return this.identities.get(id);
  }

  /**
   * Watches a connection for the ways it can end that are not a drop: its leave then holds no seat.
   * ws emits "error" only for what the peer sent (a frame too big, bad UTF-8, a bad opcode); a
   * reset or lost network only closes the socket, so a real drop keeps its seat. Colyseus hears
   * the close after this listener.
   */
  watchConnection(client: Client): void {
    const socket = (client as unknown as { ref?: ClientSocket }).ref;
    if (!socket?.once) return;
    const id = client.sessionId;
    socket.once("error", () => this.removed.add(id));
    socket.once("close", (code) => {
      if (PROTOCOL_VIOLATIONS.has(code)) this.removed.add(id);
    });
  }

  /** Whether this leave was the server's doing (then no seat is held); forgets it either way. */
  leftOnPurpose(id: string): boolean {
    return this.removed.delete(id);
  }

  /** Holds a dropped participant's seat while `reconnection` is pending. */
  async holdSeat(id: string, reconnection: Deferred<Client>, graceMs: number): Promise<Client | null> {
    this.reconnections.set(id, reconnection);
    // The room's own clock ends the wait too: nothing outside (a lost reservation) can make a held seat permanent.
    const giveUp = setTimeout(() => reconnection.reject(new Error("grace period over")), graceMs + 1000);
    try {
      return await reconnection;
    } catch {
      return null; // grace period over (or removed meanwhile)
    } finally {
      clearTimeout(giveUp);
      this.reconnections.delete(id);
    }
  }

  /** The participant left for good. */
  forget(id: string): void {
    this.identities.delete(id);
    this.leaving.get(id)?.();
    this.leaving.delete(id);
  }

  /**
   * The same device (participant key) comes back under the same pseudonym while its dropped
   * connection's seat is still held (a crashed tab, a reload that lost its token): the held
   * reconnection is ended so the newcomer takes that place. Resolves with the held seat, or
   * undefined when nothing of theirs is held. A name held for another device stays refused.
   */
  async takeBackHeldSeat(pseudonym: string, participantKeyHash: string | undefined): Promise<Arrival["reclaimSeat"]> {
    if (!participantKeyHash) return undefined;
    for (const p of this.host.state.participants.values()) {
      if (p.connected || !looksAlike(p.pseudonym, pseudonym)) continue;
      const held = this.reconnections.get(p.id);
      if (!held || this.identities.get(p.id)?.participantKeyHash !== participantKeyHash) return undefined;
      const place = { space: p.space, seat: p.seat };
      const gone = new Promise<void>((resolve) => this.leaving.set(p.id, resolve));
      held.reject(new Error("replaced"));
      await gone;
      return place;
    }
    return undefined;
  }

  private heldSeatIfFree(arrival: Arrival, space: string): number | undefined {
    const held = arrival.reclaimSeat;
    if (!held || held.space !== space || held.seat === NO_SEAT) return undefined;
    for (const p of this.host.state.participants.values()) if (p.space === space && p.seat === held.seat) return undefined;
    return held.seat;
  }

  /** Ends a connection on purpose (out of strikes, the session ended): no seat is held. */
  close(client: Client, code: number = CloseCode.Removed): void {
    this.removed.add(client.sessionId);
    client.leave(code);
  }

  /** Marks every connection as closed on purpose, before the room disconnects them. */
  closingAll(clients: Iterable<Client>): void {
    for (const client of clients) this.removed.add(client.sessionId);
  }

  /** A facilitator removed or banned someone: they are told, and their seat is not held. */
  dismiss(id: string, why: "removed" | "banned"): void {
    const client = this.host.client(id);
    if (!client) {
      // Their connection dropped and the seat is held: stop holding it, so they cannot slip back in.
      this.reconnections.get(id)?.reject(new Error(why));
      return;
    }
    client.send(ServerMessage.Notice, notice(why));
    this.close(client);
  }

  /** Bans the person's device key from this circle; false when they have none (or nothing persists). */
  async banKey(id: string): Promise<boolean> {
    const keyHash = this.identities.get(id)?.participantKeyHash;
    const records = this.host.records();
    if (!keyHash || !records) return false;
    await records.ban(this.host.state.circleId, keyHash, null);
    return true;
  }
}

/**
 * The newcomer's colour: the one they asked for while nobody here wears it, else the first
 * colour of the palette (after theirs) that nobody here wears, so people stand apart at a glance.
 * With every colour taken they keep theirs.
 */
export function distinctColor(asked: string, state: CircleState): string {
  const used = new Set([...state.participants.values()].map((p) => p.color));
  if (!used.has(asked)) return asked;
  const start = Math.max(0, AVATAR_COLORS.indexOf(asked as (typeof AVATAR_COLORS)[number]));
  for (let i = 1; i < AVATAR_COLORS.length; i++) {
    const color = AVATAR_COLORS[(start + i) % AVATAR_COLORS.length]!;
    if (!used.has(color)) return color;
  }
  return asked;
}
