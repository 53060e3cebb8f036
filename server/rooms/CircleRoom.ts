import { type Client, Room, ServerError } from "@colyseus/core";
import { CIRCLE_CAPACITY_DEFAULT, POSE_MAX_HZ, RECONNECT_GRACE_SECONDS } from "../../shared/limits.ts";
import { decodeFrame, type QuantisedPose } from "../../shared/pose-codec.ts";
import { implausibleFrameReason } from "../../shared/pose-rules.ts";
import {
  ClientMessage,
  CloseCode,
  type ErrorCode,
  type ErrorReply,
  ServerMessage,
} from "../../shared/protocol.ts";
import { pseudonymKey } from "../../shared/pseudonym.ts";
import {
  type ClientPayload,
  clientMessageSchemas,
  describeZodError,
  joinOptionsSchema,
} from "../../shared/schemas.ts";
import { pickSeat, seatedHeadPose, seatTransform } from "../../shared/seats.ts";
import type { CircleCatalog } from "../circles/catalog.ts";
import { log } from "../log.ts";
import { TokenBucket } from "./rate-limit.ts";
import { CircleState, Participant, type PoseState } from "./state.ts";

export interface CircleServices {
  catalog: CircleCatalog;
}

type JoinAuth = ReturnType<typeof joinOptionsSchema.parse>;
type MessageName = keyof typeof clientMessageSchemas;
type Handler<K extends MessageName> = (
  client: Client,
  payload: ClientPayload<K>,
  participant: Participant,
) => void;

interface ClientLimits {
  pose: TokenBucket;
  action: TokenBucket;
  /** Each refused message costs a strike; a client out of strikes is disconnected. */
  strikes: TokenBucket;
}

/** Binds a CircleRoom class to its services, for `gameServer.define`. */
export function circleRoomWith(services: CircleServices): typeof CircleRoom {
  return class BoundCircleRoom extends CircleRoom {
    protected override services = services;
  };
}

/** One live circle: seats, presence, poses and flags. The authority for everything said here. */
export class CircleRoom extends Room<CircleState> {
  protected services!: CircleServices;
  // Capacity is enforced in onJoin with a clear message; maxClients only bounds abuse.
  override maxClients = 64;
  private limits = new Map<string, ClientLimits>();
  /** Sessions the server closed on purpose: they do not get their seat held. */
  private removed = new Set<string>();

  override async onCreate(options: { circleId?: unknown }): Promise<void> {
    const circleId = typeof options.circleId === "string" ? options.circleId : "";
    const circle = await this.services.catalog.get(circleId);
    if (!circle) throw new ServerError(404, "There is no circle with this id.");

    this.state = new CircleState();
    this.state.circleId = circle.id;
    this.state.title = circle.title;
    this.state.capacity = circle.capacity || CIRCLE_CAPACITY_DEFAULT;
    await this.setMetadata({ circleId: circle.id });

    this.handle(ClientMessage.Pose, this.handlePose);
    this.handle(ClientMessage.RaiseHand, (_c, { raised }, p) => (p.handRaised = raised));
    this.handle(ClientMessage.Away, (_c, { away }, p) => (p.away = away));
    this.handle(ClientMessage.SelfMute, (_c, { muted }, p) => (p.muted = muted));
    this.onMessage("*", (client, type) =>
      this.refuse(client, String(type), "unknown_message", `Unknown message type "${String(type)}".`),
    );
    log.info({ roomId: this.roomId, circleId: circle.id }, "circle opened");
  }

  override onAuth(_client: Client, options: unknown): JoinAuth {
    const parsed = joinOptionsSchema.safeParse(options);
    if (!parsed.success) throw new ServerError(400, describeZodError(parsed.error));
    if (parsed.data.circleId !== this.state.circleId) {
      throw new ServerError(400, "This join is for another circle.");
    }
    return parsed.data;
  }

  // Synchronous on purpose: checks and seat assignment cannot interleave with another join.
  override onJoin(client: Client, _options: unknown, auth: JoinAuth): void {
    const participants = [...this.state.participants.values()];
    const key = pseudonymKey(auth.pseudonym);
    if (participants.some((p) => pseudonymKey(p.pseudonym) === key)) {
      throw new ServerError(409, `Someone here is already called "${auth.pseudonym}". Please choose another pseudonym.`);
    }
    const seat = pickSeat(participants.map((p) => p.seat), this.state.capacity);
    if (seat === null) {
      throw new ServerError(409, `This circle is full (${this.state.capacity} of ${this.state.capacity} seats are taken). Please try again later.`);
    }

    const participant = new Participant();
    participant.id = client.sessionId;
    participant.pseudonym = auth.pseudonym;
    participant.color = auth.color;
    participant.seat = seat;
    copyPose(seatedHeadPose(seat, this.state.capacity), participant.head);
    this.state.participants.set(client.sessionId, participant);
    this.limits.set(client.sessionId, {
      pose: new TokenBucket(POSE_MAX_HZ, POSE_MAX_HZ),
      action: new TokenBucket(5, 10),
      strikes: new TokenBucket(1, 30),
    });
    log.info({ roomId: this.roomId, participantId: client.sessionId, seat }, "participant joined");
  }

  override async onLeave(client: Client, consented: boolean): Promise<void> {
    const participant = this.state.participants.get(client.sessionId);
    const removed = this.removed.delete(client.sessionId);
    if (!participant) return;
    if (!consented && !removed) {
      participant.connected = false;
      log.info({ roomId: this.roomId, participantId: client.sessionId }, "participant dropped; holding seat");
      try {
        await this.allowReconnection(client, RECONNECT_GRACE_SECONDS);
        participant.connected = true;
        log.info({ roomId: this.roomId, participantId: client.sessionId }, "participant reconnected");
        return;
      } catch {
        // grace period over: free the seat below
      }
    }
    this.state.participants.delete(client.sessionId);
    this.limits.delete(client.sessionId);
    log.info({ roomId: this.roomId, participantId: client.sessionId, consented }, "participant left");
  }

  override onDispose(): void {
    log.info({ roomId: this.roomId, circleId: this.state.circleId }, "circle closed");
  }

  override onUncaughtException(error: Error, methodName: string): void {
    // Colyseus attaches the join options to the error: log none of it, only what went wrong where.
    const cause = (error as { cause?: unknown }).cause ?? error;
    if (cause instanceof ServerError) {
      log.info({ roomId: this.roomId, methodName, code: cause.code }, "request refused");
    } else {
      const stack = cause instanceof Error ? cause.stack : String(cause);
      log.error({ roomId: this.roomId, methodName, stack }, "uncaught exception in room");
    }
  }

  private handlePose: Handler<typeof ClientMessage.Pose> = (client, bytes, participant) => {
    const frame = decodeFrame(bytes);
    if (!frame) return this.refuse(client, ClientMessage.Pose, "invalid_message", "Malformed pose frame.");
    const reason = implausibleFrameReason(frame, seatTransform(participant.seat, this.state.capacity));
    if (reason) return this.refuse(client, ClientMessage.Pose, "invalid_message", reason);
    copyPose(frame.head, participant.head);
    participant.handsTracked = frame.hands !== null;
    if (frame.hands) {
      copyPose(frame.hands.left, participant.leftHand);
      copyPose(frame.hands.right, participant.rightHand);
    }
  };

  /** Registers a handler that only runs for a seated participant with a valid, in-rate payload. */
  private handle<K extends MessageName>(type: K, handler: Handler<K>): void {
    const schema = clientMessageSchemas[type];
    this.onMessage(type, (client, raw: unknown) => {
      const participant = this.state.participants.get(client.sessionId);
      const limits = this.limits.get(client.sessionId);
      if (!participant || !limits) return;
      const bucket = type === ClientMessage.Pose ? limits.pose : limits.action;
      if (!bucket.take()) {
        // Excess poses are dropped quietly; excess actions are told why.
        if (type !== ClientMessage.Pose) {
          this.refuse(client, type, "rate_limited", "Too many requests; please slow down.");
        }
        return;
      }
      const parsed = schema.safeParse(raw);
      if (!parsed.success) {
        return this.refuse(client, type, "invalid_message", describeZodError(parsed.error));
      }
      handler.call(this, client, parsed.data as ClientPayload<K>, participant);
    });
  }

  private refuse(client: Client, type: string, code: ErrorCode, message: string): void {
    const reply: ErrorReply = { code, type: type.slice(0, 64), message };
    client.send(ServerMessage.Error, reply);
    const limits = this.limits.get(client.sessionId);
    if (limits && !limits.strikes.take()) {
      log.warn({ roomId: this.roomId, participantId: client.sessionId }, "disconnecting a client that keeps sending invalid messages");
      this.removed.add(client.sessionId);
      client.leave(CloseCode.Removed);
    }
  }
}

function copyPose(from: QuantisedPose, to: PoseState): void {
  // Assigning an unchanged value does not mark the field dirty, so still poses cost nothing.
  to.x = from.x;
  to.y = from.y;
  to.z = from.z;
  to.q = from.q;
}
