import { type IRoomCache, matchMaker } from "@colyseus/core";
import express, { type Request, type RequestHandler, type Response } from "express";
import { MATCHMAKE_BODY_LIMIT_BYTES, MAX_PENDING_RESERVATIONS_PER_ADDRESS } from "../../shared/limits.ts";
import { ROOM_NAME } from "../../shared/protocol.ts";
import { describeZodError, joinOptionsSchema } from "../../shared/schemas.ts";
import type { CircleCatalog } from "../circles/catalog.ts";
import { log } from "../log.ts";

/** Colyseus holds an unconsumed seat for 15 s (Room's default seatReservationTime); a little slack on top. */
const RESERVATION_LIFETIME_MS = 16_000;
/** Methods that reserve a new seat; `reconnect` reuses the seat its room already holds. */
const RESERVING = new Set(["join", "joinOrCreate", "create", "joinById"]);

interface Reservation {
  roomId: string;
  sessionId: string;
  at: number;
}

/** What a local Room keeps for a reserved seat: [options, auth, consumed, reconnecting]. */
interface RoomReservations {
  reservedSeats: Record<string, [unknown, unknown, boolean, boolean]>;
  reservedSeatTimeouts: Record<string, ReturnType<typeof setTimeout>>;
  _decrementClientCount(): Promise<boolean>;
}

/**
 * Hearth's own /matchmake endpoint, in place of the one Colyseus answers itself, so that:
 * - the body is capped (413 before anything else reads it);
 * - join options are checked with the shared join schema, and the circle must exist, before a
 *   seat is reserved (a bad join costs no seat);
 * - one address holds at most MAX_PENDING_RESERVATIONS_PER_ADDRESS seats it has not connected
 *   to: a further reservation from it releases its oldest, so a burst of reservations that never
 *   connect cannot lock a circle against a newcomer.
 * Colyseus' matchmaker does the rest (`matchMaker.controller.invokeMethod`), as its own route would.
 */
export function matchmakeHandlers(catalog: CircleCatalog): RequestHandler[] {
  const pending = new PendingReservations();
  const raw = express.raw({ type: () => true, limit: MATCHMAKE_BODY_LIMIT_BYTES });
  const readBody: RequestHandler = (req, res, next) =>
    raw(req, res, (error?: unknown) => {
      if (!error) return next();
      const status = (error as { status?: number }).status === 413 ? 413 : 400;
      reply(req, res, status, status === 413 ? `A join request can be at most ${MATCHMAKE_BODY_LIMIT_BYTES / 1024} kB.` : "The join request could not be read.");
    });
  const handle: RequestHandler = async (req, res) => {
    // As Colyseus' own route: no new seats (nor new rooms) while the process shuts down.
    if (matchMaker.state === matchMaker.MatchMakerState.SHUTTING_DOWN) return reply(req, res, 503, "Hearth is restarting. Please try again in a moment.");
    if (req.method === "OPTIONS") return void res.status(204).set(corsHeaders(req)).end();
    if (req.method !== "POST") return void res.status(404).set(corsHeaders(req)).end();
    const [method = "", roomName = ""] = req.path.split("/").filter(Boolean);
    const options = parseJson(req.body);
    if (options === undefined) return reply(req, res, 400, "The join request is not valid JSON.");
    // Only circle rooms reserve seats (joinById names a room id); Colyseus refuses other room names itself.
    const reserving = RESERVING.has(method) && (method === "joinById" || roomName === ROOM_NAME);
    if (reserving) {
      const problem = await joinProblem(catalog, method, roomName, options);
      if (problem) return reply(req, res, problem.status, problem.error);
      await pending.makeRoomFor(req.ip ?? "unknown");
    }
    try {
      const reservation = (await matchMaker.controller.invokeMethod(method, roomName, options, {
        token: bearerToken(req.headers.authorization),
        headers: req.headers,
        ip: req.ip ?? req.socket.remoteAddress ?? "",
        req,
      })) as { room: { roomId: string }; sessionId: string };
      if (reserving) pending.add(req.ip ?? "unknown", reservation.room.roomId, reservation.sessionId);
      res.status(200).set(corsHeaders(req)).json(reservation);
    } catch (error) {
      const { code, message } = error as { code?: number; message?: string };
      res.status(200).set(corsHeaders(req)).json({ code, error: message });
    }
  };
  return [readBody, handle];
}

/** Why these join options are refused before any seat is reserved, or null. */
async function joinProblem(catalog: CircleCatalog, method: string, roomName: string, options: unknown): Promise<{ status: number; error: string } | null> {
  const parsed = joinOptionsSchema.safeParse(options);
  if (!parsed.success) return { status: 400, error: describeZodError(parsed.error) };
  if (!(await catalog.get(parsed.data.circleId))) return { status: 404, error: "There is no circle with this id." };
  if (method === "joinById") {
    const [room] = (await matchMaker.query({ roomId: roomName })) as IRoomCache[];
    const circleId = (room?.metadata as { circleId?: string } | undefined)?.circleId ?? (room as { circleId?: string } | undefined)?.circleId;
    if (room && circleId !== undefined && circleId !== parsed.data.circleId) return { status: 400, error: "This join is for another circle." };
  }
  return null;
}

/** Unconsumed seat reservations by address, oldest first. */
class PendingReservations {
  private byAddress = new Map<string, Reservation[]>();

  add(address: string, roomId: string, sessionId: string): void {
    const list = this.byAddress.get(address) ?? [];
    list.push({ roomId, sessionId, at: Date.now() });
    this.byAddress.set(address, list);
  }

  /** Releases this address's oldest unconsumed seats until it holds fewer than the limit. */
  async makeRoomFor(address: string): Promise<void> {
    const list = this.live(address);
    while (list.length >= MAX_PENDING_RESERVATIONS_PER_ADDRESS) {
      const oldest = list.shift()!;
      await release(oldest);
    }
    if (list.length) this.byAddress.set(address, list);
    else this.byAddress.delete(address);
  }

  /** This address's reservations that are neither consumed nor expired. */
  private live(address: string): Reservation[] {
    const now = Date.now();
    return (this.byAddress.get(address) ?? []).filter((r) => now - r.at < RESERVATION_LIFETIME_MS && !consumed(r));
  }
}

function localReservations(roomId: string): RoomReservations | undefined {
  return matchMaker.getLocalRoomById(roomId) as unknown as RoomReservations | undefined;
}

/**
 * A seat is pending while its room still lists it unconsumed. A room in another process: until it expires.
 * Once joined, a dropped connection's held seat reuses the session id (a reconnection): that join was
 * consumed, and the hold is the room's to end (its grace timer), never this guard's.
 */
function consumed(reservation: Reservation): boolean {
  const room = localReservations(reservation.roomId);
  if (!room) return false;
  const seat = room.reservedSeats[reservation.sessionId];
  return !seat || seat[2] || seat[3];
}

/** Frees an unconsumed seat as its timeout would have (local rooms only; remote ones expire on their own). */
async function release(reservation: Reservation): Promise<void> {
  const room = localReservations(reservation.roomId);
  if (!room || consumed(reservation)) return;
  clearTimeout(room.reservedSeatTimeouts[reservation.sessionId]);
  delete room.reservedSeatTimeouts[reservation.sessionId];
  delete room.reservedSeats[reservation.sessionId];
  await room._decrementClientCount();
  log.info({ roomId: reservation.roomId }, "released an unconsumed seat reservation (too many from one address)");
}

function reply(req: Request, res: Response, status: number, error: string): void {
  res.status(status).set(corsHeaders(req)).json({ code: status, error });
}

function corsHeaders(req: Request): Record<string, string> {
  const { controller } = matchMaker;
  return { ...controller.DEFAULT_CORS_HEADERS, ...controller.getCorsHeaders.call(undefined, req) } as Record<string, string>;
}

function parseJson(body: unknown): unknown {
  const text = Buffer.isBuffer(body) ? body.toString("utf8") : "";
  if (!text.trim()) return {};
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function bearerToken(header: string | undefined): string | undefined {
  return header?.startsWith("Bearer ") ? header.slice(7) : undefined;
}
