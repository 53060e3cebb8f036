/**
 * Joining a circle as a third-party colyseus.js client, for the integration, voice, fault and
 * fuzz tests: one way to enter and one way to listen to what the server says.
 */
import { Client, type Room } from "colyseus.js";
import { OPEN_CIRCLE_ID } from "../../server/circles/catalog.ts";
import type { CircleState } from "../../server/rooms/state.ts";
import { type ErrorReply, type NoticeMessage, ROOM_NAME, ServerMessage } from "../../shared/protocol.ts";
import { waitFor } from "./wait.ts";

/** Anything that joins rooms: a colyseus.js Client, or @colyseus/testing's `sdk`. */
export interface Joiner {
  joinOrCreate<T>(roomName: string, options?: object): Promise<Room<T>>;
}

export const DEFAULT_COLOR = "#e07a5f";

/**
 * Joins (the open circle unless `options` says otherwise) and waits for the joiner's own state.
 * `via` is a Joiner or a ws:// URL; `listen` registers message handlers before anything arrives
 * (colyseus.js drops messages it has no handler for). Join refusals reject.
 */
export async function enterCircle(
  via: Joiner | string,
  options: Record<string, unknown>,
  listen?: (room: Room<CircleState>) => void,
): Promise<Room<CircleState>> {
  const joiner = typeof via === "string" ? new Client(via) : via;
  const room = await joiner.joinOrCreate<CircleState>(ROOM_NAME, { circleId: OPEN_CIRCLE_ID, color: DEFAULT_COLOR, ...options });
  listen?.(room);
  const who = typeof options.pseudonym === "string" ? options.pseudonym : "the newcomer";
  await waitFor(`${who}'s first state`, () => room.state.participants?.get(room.sessionId));
  return room;
}

/** Someone in a circle, with what the server told them. */
export interface Person {
  room: Room<CircleState>;
  id: string;
  pseudonym: string;
  participantKey?: string;
  errors: ErrorReply[];
  notices: NoticeMessage[];
  /** Notices and the close, in the order they arrived. */
  events: string[];
  /** Resolves with the close code when the server ends the connection. */
  closed: Promise<number>;
}

/** Enters as `pseudonym` and records their errors, notices and close (poses are ignored). */
export async function enterAsPerson(via: Joiner | string, pseudonym: string, options: Record<string, unknown> = {}): Promise<Person> {
  let person: Person | undefined;
  await enterCircle(via, { pseudonym, ...options }, (room) => {
    const p: Person = {
      room,
      id: room.sessionId,
      pseudonym,
      participantKey: options.participantKey as string | undefined,
      errors: [],
      notices: [],
      events: [],
      closed: new Promise<number>((resolve) => room.onLeave(resolve)),
    };
    room.onMessage(ServerMessage.Poses, () => undefined); // poses are not what these tests look at
    room.onMessage(ServerMessage.Error, (reply: ErrorReply) => p.errors.push(reply));
    room.onMessage(ServerMessage.Notice, (notice: NoticeMessage) => {
      p.notices.push(notice);
      p.events.push(`notice:${notice.kind}`);
    });
    void p.closed.then((code) => p.events.push(`closed:${code}`));
    person = p;
  });
  return person!;
}
