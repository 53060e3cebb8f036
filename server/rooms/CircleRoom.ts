import { createHash, timingSafeEqual } from "node:crypto";
import { type AuthContext, type Client, type Deferred, matchMaker, Room, ServerError } from "@colyseus/core";
import { CIRCLE_CAPACITY_DEFAULT, RECONNECT_GRACE_SECONDS } from "../../shared/limits.ts";
import { DEFAULT_AVATAR_STYLE } from "../../shared/avatar.ts";
import { encodeFrame, FrameReader } from "../../shared/pose-codec.ts";
import { MAX_POSE_IDS } from "../../shared/pose-relay.ts";
import { implausibleFrameReason } from "../../shared/pose-rules.ts";
import {
  ClientMessage,
  CloseCode,
  type ErrorCode,
  type ErrorReply,
  NoticeKind,
  type NoticeMessage,
  ServerMessage,
} from "../../shared/protocol.ts";
import { pseudonymKey } from "../../shared/pseudonym.ts";
import {
  type ClientPayload,
  clientMessageSchemas,
  describeZodError,
  joinOptionsSchema,
} from "../../shared/schemas.ts";
import { seatedHeadPose, seatTransform } from "../../shared/seats.ts";
import { type Admitted, type JoinAdmission, openCircleAdmission } from "../circles/admission.ts";
import type { CircleCatalog, CircleInfo } from "../circles/catalog.ts";
import { log } from "../log.ts";
import type { VoiceEvent, VoiceGrant, VoiceRoomApi } from "../voice/room-api.ts";
import type { VoiceService } from "../voice/service.ts";
import type { RoomRecords } from "../safety/room-records.ts";
import type { Clock } from "../clock.ts";
import { Spaces } from "../../shared/facilitation.ts";
import { type ActorKind } from "../audit/audit-log.ts";
import { runFacilitatorAction } from "./facilitation/actions.ts";
import { CircleFlow, type FlowHost } from "./facilitation/flow.ts";
import { mayFacilitate } from "./facilitation/speaking.ts";
import { MicPermissions } from "./mic-permissions.ts";
import { joinPatchClock, leavePatchClock } from "./patch-clock.ts";
import { PoseRelay } from "./pose-relay.ts";
import { VOICE_PRESENCE_CHECK_MS, VoicePresence } from "./voice-presence.ts";
import { bucketFor, type ClientLimits, newClientLimits } from "./rate-limit.ts";
import { CircleState, NO_SEAT, Participant } from "./state.ts";
import type { BlockStore } from "../safety/blocks-store.ts";
import { RoomSafety } from "./safety.ts";

export interface CircleServices {
  catalog: CircleCatalog;
  /** Who may enter; without it only always-open circles admit anyone. */
  admission?: JoinAdmission;
  /** LiveKit voice; undefined when voice is off (VOICE=off). */
  voice?: VoiceService;
  /** Bans and the audit log; without a store nothing is persisted (and bans are refused). */
  records?: RoomRecords;
  /** Lets someone facilitate the always-open circle (FACILITATOR_KEY); unset, nobody can there. */
  openCircleFacilitatorKey?: string;
  /** The scheduling clock (settable in tests); the system clock without it. */
  clock?: Clock;
  /** Blocks that outlive a session (by participant key hash); without it blocks last the session. */
  blocks?: BlockStore;
  /** How long after a scheduled session's end time its room closes (SESSION_OVERRUN_MINUTES). */
  sessionOverrunMs?: number;
}

/** Without SESSION_OVERRUN_MINUTES: ten minutes to finish a share and say goodbye. */
const SESSION_OVERRUN_MS_DEFAULT = 10 * 60_000;

/** Who a participant is beyond the state: ids for bans and the audit log (never shown to others). */
interface Identity {
  accountId?: string;
  participantKeyHash?: string;
}

const REMOVED_NOTICE: NoticeMessage = { kind: "removed", message: "A facilitator has asked you to leave this session." };
const BANNED_NOTICE: NoticeMessage = { kind: "banned", message: "You can no longer take part in this circle." };
const ENDED_NOTICE: NoticeMessage = { kind: "session-ended", message: "The facilitator has ended the session. Thank you for being here." };
const CLOSED_AT_END_NOTICE: NoticeMessage = { kind: "session-ended", message: "The session has come to its end. Thank you for being here." };
const timeUpNotice = (minutes: number): NoticeMessage => ({
  kind: "session-time-up",
  message:
    minutes >= 1
      ? `The session's time is up. The circle closes in ${Math.round(minutes)} minute${Math.round(minutes) === 1 ? "" : "s"}: take the time to finish and say goodbye.`
      : "The session's time is up. The circle closes in a moment.",
});
const WAITING_NOTICE: NoticeMessage = {
  kind: "waiting-room",
  message: "Welcome. The circle is settling in: a facilitator will let you in shortly. Take your time.",
};

const MUTED_NOTICE: NoticeMessage = {
  kind: NoticeKind.MutedByFacilitator,
  message: "The facilitator has muted you for now.",
};

type JoinAuth = Omit<ReturnType<typeof joinOptionsSchema.parse>, "pseudonym"> & Admitted;
type MessageName = keyof typeof clientMessageSchemas;
type Handler<K extends MessageName> = (
  client: Client,
  payload: ClientPayload<K>,
  participant: Participant,
) => void;

/** Binds a CircleRoom class to its services, for `gameServer.define`. */
export function circleRoomWith(services: CircleServices): typeof CircleRoom {
  return class BoundCircleRoom extends CircleRoom {
    protected override services = services;
  };
}

/** One live circle: seats, presence, poses and flags. The authority for everything said here. */
export class CircleRoom extends Room<CircleState> implements VoiceRoomApi {
  protected services!: CircleServices;
  // Capacity is enforced in onJoin with a clear message; maxClients only bounds abuse (and pose ids).
  override maxClients = MAX_POSE_IDS;
  private limits = new Map<string, ClientLimits>();
  /** Sessions the server closed on purpose: they do not get their seat held. */
  private removed = new Set<string>();
  /** Dropped connections whose seat is held for a reconnect; removing or banning them ends the wait. */
  private reconnections = new Map<string, Deferred<Client>>();
  /** Who is in voice: webhooks, checked against LiveKit's listing every VOICE_PRESENCE_CHECK_MS. */
  private voicePresence = new VoicePresence({
    roomId: () => this.roomId,
    participants: () => this.state.participants.values(),
    voice: () => this.services.voice,
    foundInVoice: (p) => {
      if (!p.micAllowed) void this.enforceMic(p.id);
    },
  });
  /** Applies micAllowed at LiveKit, in order and with retries. */
  private mic = new MicPermissions({
    roomId: () => this.roomId,
    participant: (id) => this.state.participants.get(id),
    voice: () => this.services.voice,
    later: (fn, ms) => this.clock.setTimeout(fn, ms),
  });
  private circle!: CircleInfo;
  /** The scheduled session this room holds; "" for an always-open circle. */
  private scheduledSessionId = "";
  private identities = new Map<string, Identity>();
  /** Start of the scheduled session (ms); 0 for the always-open circle. */
  private sessionStartsAt = 0;
  /** Set when the process is going down: the session itself goes on after the restart. */
  private shuttingDown = false;
  /** Breakout voice rooms this session opened, closed with it. */
  private voiceSpacesUsed = new Set<string>();
  /** Spaces, seats, who may speak, rounds and raised hands. */
  private flow!: CircleFlow;
  /** Blocks (who sees and hears whom), reports and chat: server/rooms/safety.ts. */
  private safety!: RoomSafety;
  /** Poses, sent beside the state right after each patch. */
  private poses = new PoseRelay(() => this.safety.visibility);
  private readonly frames = new FrameReader();

  override async onCreate(options: { circleId?: unknown; sessionId?: unknown }): Promise<void> {
    const circleId = plainId(options.circleId) ?? "";
    const circle = await this.services.catalog.get(circleId);
    if (!circle) throw new ServerError(404, "There is no circle with this id.");
    let seats = circle.capacity || CIRCLE_CAPACITY_DEFAULT;
    const sessionId = options.sessionId === undefined ? "" : plainId(options.sessionId);
    if (sessionId === undefined) throw new ServerError(404, "There is no such session in this circle.");
    if (sessionId) {
      const session = await this.services.catalog.session?.(circle.id, sessionId);
      if (!session) throw new ServerError(404, "There is no such session in this circle.");
      seats = session.seats;
      this.sessionStartsAt = session.startsAt;
      this.closeAfterScheduledEnd(session.endsAt);
    } else if (!circle.alwaysOpen) {
      throw new ServerError(400, "This circle meets in scheduled sessions: please join from the session's page.");
    }
    if (await this.anotherRoomHolds(circle.id, sessionId)) {
      throw new ServerError(409, "This circle cannot take anyone else just now. Please try again in a minute.");
    }
    this.circle = circle;
    this.scheduledSessionId = sessionId;

    this.state = new CircleState();
    this.state.circleId = circle.id;
    this.state.title = circle.title;
    this.state.capacity = seats;
    this.state.locked = (await this.services.records?.isLocked(circle.id, sessionId)) ?? false;
    this.state.phaseStartedAt = Date.now();
    this.flow = new CircleFlow(this.flowHost());
    this.safety = new RoomSafety(this, { blocks: this.services.blocks, voice: this.services.voice });
    this.safety.register();
    const untilStart = this.sessionStartsAt - this.now();
    if (untilStart > 0) {
      // Early arrivals wait; at the start time they come in unless a facilitator locked the session.
      this.clock.setTimeout(() => {
        if (!this.state.locked) this.flow.admitAllWaiting();
      }, untilStart);
    }
    await this.setMetadata({ circleId: circle.id, sessionId });
    this.setPatchRate(null);
    joinPatchClock(this);
    if (this.services.voice) this.clock.setInterval(() => void this.voicePresence.check(), VOICE_PRESENCE_CHECK_MS);

    // Poses are nearly all the traffic: a handler of their own keeps V8's inline caches to themselves.
    const poseSchema = clientMessageSchemas[ClientMessage.Pose];
    this.onMessage(ClientMessage.Pose, (client, raw: unknown) => {
      const participant = this.admitMessage(client, ClientMessage.Pose);
      if (!participant) return;
      const parsed = poseSchema.safeParse(raw);
      if (!parsed.success) return this.refuse(client, ClientMessage.Pose, "invalid_message", describeZodError(parsed.error));
      this.handlePose(client, parsed.data, participant);
    });
    this.handle(ClientMessage.RaiseHand, (client, { raised }, p) => {
      if (raised && p.space === Spaces.Waiting) {
        return this.refuse(client, ClientMessage.RaiseHand, "not_allowed", "You can raise your hand once you're in the circle.");
      }
      this.flow.raiseHand(p.id, raised);
    });
    this.handle(ClientMessage.Away, (_c, { away }, p) => {
      p.away = away;
      // Stepping out with the talking piece hands it on: nobody waits on an empty seat.
      if (away && this.state.roundHolder === p.id) this.flow.passPiece("skipped");
    });
    this.handle(ClientMessage.SelfMute, this.handleSelfMute);
    this.handle(ClientMessage.VoiceTicket, (client) => {
      if (!this.services.voice) {
        return this.refuse(client, ClientMessage.VoiceTicket, "not_allowed", "Voice is not available on this server.");
      }
      this.sendVoiceTicket(client);
    });
    this.handle(ClientMessage.Facilitate, this.handleFacilitate);
    this.handle(ClientMessage.PassPiece, (client, _payload, p) => {
      if (!this.state.roundActive || this.state.roundHolder !== p.id) {
        return this.refuse(client, ClientMessage.PassPiece, "not_allowed", "Only the person holding the talking piece can pass it on.");
      }
      this.flow.passPiece("passed");
    });
    this.onMessage("*", (client, type) => {
      // The type is whatever the wire said: a string, a number, or worse (an object without toString).
      const name = typeof type === "string" || typeof type === "number" ? String(type) : `(${typeof type})`;
      this.refuse(client, name, "unknown_message", `Unknown message type "${name.slice(0, 64)}".`);
    });
    log.info({ roomId: this.roomId, circleId: circle.id }, "circle opened");
  }

  override async onAuth(_client: Client, options: unknown, context?: AuthContext): Promise<JoinAuth> {
    const parsed = joinOptionsSchema.safeParse(options);
    if (!parsed.success) throw new ServerError(400, describeZodError(parsed.error));
    const join = parsed.data;
    if (join.circleId !== this.state.circleId) {
      throw new ServerError(400, "This join is for another circle.");
    }
    if ((join.sessionId ?? "") !== this.scheduledSessionId) throw new ServerError(400, "This join is for another session.");
    // Registration, time window, facilitator sign-in (cookie on the upgrade request) and bans.
    const result = await (this.services.admission ?? openCircleAdmission).admit({
      circle: this.circle,
      sessionId: join.sessionId,
      participantKey: join.participantKey,
      registrationId: join.registrationId,
      inviteToken: join.inviteToken,
      pseudonym: join.pseudonym,
      headers: context?.headers ?? {},
      token: context?.token,
    });
    if (!result.ok) throw new ServerError(result.code, result.reason);
    const key = this.services.openCircleFacilitatorKey;
    const facilitatorByKey = this.circle.alwaysOpen && key !== undefined && join.facilitatorKey !== undefined && sameSecret(join.facilitatorKey, key);
    if (join.facilitatorKey !== undefined && !facilitatorByKey) throw new ServerError(403, "That facilitator key is not valid.");
    return { ...join, ...result.admitted, ...(facilitatorByKey ? { role: "facilitator" as const } : {}) };
  }

  // Synchronous on purpose: checks and seat assignment cannot interleave with another join.
  override onJoin(client: Client, _options: unknown, auth: JoinAuth): void {
    const participants = [...this.state.participants.values()];
    const key = pseudonymKey(auth.pseudonym);
    if (participants.some((p) => pseudonymKey(p.pseudonym) === key)) {
      throw new ServerError(409, `Someone here is already called "${auth.pseudonym}". Please choose another pseudonym.`);
    }
    const space = this.flow.arrivalSpace(auth.role, this.now() < this.sessionStartsAt);
    const seat = space === Spaces.Waiting ? NO_SEAT : this.flow.freeSeat(space);
    if (seat === null) {
      throw new ServerError(409, `This circle is full (${this.state.capacity} of ${this.state.capacity} seats are taken). Please try again later.`);
    }

    const participant = new Participant();
    participant.id = client.sessionId;
    participant.pseudonym = auth.pseudonym;
    participant.role = auth.role;
    participant.color = auth.color;
    participant.avatarStyle = auth.avatarStyle ?? DEFAULT_AVATAR_STYLE;
    participant.seat = seat;
    participant.space = space;
    participant.poseId = this.poses.admit(client.sessionId);
    this.placePose(participant);
    this.state.participants.set(client.sessionId, participant);
    this.safety.join(client, participant, auth);
    this.identities.set(client.sessionId, { accountId: auth.accountId, participantKeyHash: auth.participantKeyHash });
    this.limits.set(client.sessionId, newClientLimits());
    if (space === Spaces.Waiting) client.send(ServerMessage.Notice, WAITING_NOTICE);
    else this.sendVoiceTicket(client);
    void this.flow.syncMicrophones();
    log.info({ roomId: this.roomId, participantId: client.sessionId, seat, space, role: auth.role }, "participant joined");
  }

  override async onLeave(client: Client, consented: boolean): Promise<void> {
    const participant = this.state.participants.get(client.sessionId);
    const removed = this.removed.delete(client.sessionId);
    if (!participant) return;
    if (!consented && !removed) {
      participant.connected = false;
      log.info({ roomId: this.roomId, participantId: client.sessionId }, "participant dropped; holding seat");
      const reconnection = this.allowReconnection(client, RECONNECT_GRACE_SECONDS);
      this.reconnections.set(client.sessionId, reconnection);
      try {
        const reconnected = await reconnection;
        participant.connected = true;
        this.poses.resend(client.sessionId);
        this.sendVoiceTicket(reconnected);
        log.info({ roomId: this.roomId, participantId: client.sessionId }, "participant reconnected");
        return;
      } catch {
        // grace period over (or removed meanwhile): free the seat below
      } finally {
        this.reconnections.delete(client.sessionId);
      }
    }
    this.flow.forget(client.sessionId);
    this.state.participants.delete(client.sessionId);
    this.poses.release(participant.poseId);
    this.safety.leave(client.sessionId);
    this.limits.delete(client.sessionId);
    this.identities.delete(client.sessionId);
    this.leaveVoice(client.sessionId, participant.space);
    log.info({ roomId: this.roomId, participantId: client.sessionId, consented }, "participant left");
  }

  /** Poses go right after the patch, so every client already knows each pose id they name. */
  override broadcastPatch(): boolean {
    const changed = super.broadcastPatch();
    this.poses.flush(this.clients);
    return changed;
  }

  /** The process is shutting down (SIGTERM, deploy): tell clients, who come back once it is up again. */
  override onBeforeShutdown(): void {
    this.shuttingDown = true;
    void this.disconnect(CloseCode.ServerRestart);
  }

  override async onDispose(): Promise<void> {
    leavePatchClock(this);
    if (!this.circle) return; // onCreate refused (no such circle or session): nothing was opened
    // Everyone has gone: whoever comes next starts an open session. A restart keeps the lock.
    if (this.state.locked && !this.shuttingDown) this.flow.setLocked(false);
    log.info({ roomId: this.roomId, circleId: this.state.circleId }, "circle closed");
    // Everyone still in a voice room of this session is disconnected: the session is over.
    const voice = this.services.voice;
    if (!voice) return;
    await Promise.all(
      [Spaces.Main, ...this.voiceSpacesUsed].map((space) =>
        voice.closeRoom(this.roomId, space).catch((error: unknown) => {
          log.warn({ roomId: this.roomId, space, err: String(error) }, "could not close a voice room");
        }),
      ),
    );
  }

  /**
   * THE server-enforced mute (the facilitator's mute and "allow to speak" use it): sets whether a
   * facilitator has muted the participant, recomputes who may speak (rounds count too), applies
   * it at LiveKit and tells them kindly. Muting stops their microphone at the SFU; allowing again
   * never turns it on: they unmute themselves when ready.
   * Rejects when LiveKit could not be told (the room keeps retrying a few times).
   */
  async setMicAllowed(participantId: string, allowed: boolean): Promise<void> {
    const participant = this.state.participants.get(participantId);
    if (!participant) throw new Error("There is no participant with this id in the circle.");
    participant.mutedByFacilitator = !allowed;
    log.info({ roomId: this.roomId, participantId, allowed }, "microphone permission changed");
    await this.flow.syncMicrophones();
    await this.enforceMic(participantId);
  }

  /** For the voice token route: what a seated participant may do in voice, or null when not seated. */
  voiceGrantFor(participantId: string): VoiceGrant | null {
    const participant = this.state.participants.get(participantId);
    if (!participant || participant.space === Spaces.Waiting) return null;
    return { identity: participant.id, canPublish: participant.micAllowed, space: participant.space };
  }

  /** For the LiveKit webhook: keeps voiceConnected in step and re-applies mutes LiveKit has not seen. */
  async handleVoiceEvent(event: VoiceEvent): Promise<void> {
    const { kind, identity, sid, audio } = event;
    const participant = this.state.participants.get(identity);
    if (participant && event.space !== participant.space) {
      // An old connection in a space they have left (waiting room, breakout): not theirs any more.
      if (kind === "joined" || kind === "trackPublished") await this.services.voice?.removeParticipant(this.roomId, identity, event.space);
      return;
    }
    if (!participant) {
      // Not seated here (left, removed, or never was): no business in this circle's voice room.
      if (kind === "joined" || kind === "trackPublished") await this.services.voice?.removeParticipant(this.roomId, identity, event.space);
      return;
    }
    this.safety.onVoiceEvent(event);
    switch (kind) {
      case "joined":
        this.voicePresence.joined(participant, sid);
        // Their token may predate a mute.
        if (!participant.micAllowed) await this.enforceMic(identity);
        return;
      case "left":
        this.voicePresence.left(participant, sid);
        return;
      case "trackPublished":
        if (audio && !participant.micAllowed) {
          log.warn({ roomId: this.roomId, participantId: identity }, "audio published without permission; muting again");
          await this.enforceMic(identity);
        }
        return;
      case "trackUnpublished":
        return;
    }
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

  private handleSelfMute: Handler<typeof ClientMessage.SelfMute> = (client, { muted }, participant) => {
    if (!muted && !participant.micAllowed) {
      return this.refuse(client, ClientMessage.SelfMute, "not_allowed", MUTED_NOTICE.message);
    }
    participant.muted = muted;
  };

  private sendVoiceTicket(client: Client): void {
    const voice = this.services.voice;
    const space = this.state.participants.get(client.sessionId)?.space ?? Spaces.Main;
    if (voice && space !== Spaces.Waiting) {
      if (space !== Spaces.Main) this.voiceSpacesUsed.add(space);
      client.send(ServerMessage.VoiceTicket, voice.ticketFor(this.roomId, client.sessionId, space));
    }
  }

  /** What the circle's flow may do to this room. */
  private flowHost(): FlowHost {
    return {
      state: this.state,
      notify: (id, notice) => this.clients.getById(id)?.send(ServerMessage.Notice, notice),
      sendVoiceTicket: (id) => {
        const client = this.clients.getById(id);
        if (client) this.sendVoiceTicket(client);
      },
      leaveVoice: (id, space) => this.leaveVoice(id, space),
      placePose: (p) => this.placePose(p),
      // Failures are logged and retried by enforceMic itself.
      enforceMic: (id) => this.enforceMic(id).catch(() => {}),
      dismiss: (id, why) => this.dismiss(id, why),
      banKey: (id) => this.banKey(id),
      endSession: () => this.endSession(),
      persistLock: (locked) => {
        this.services.records?.setLocked(this.state.circleId, this.scheduledSessionId, locked).catch((error: unknown) => {
          log.error({ roomId: this.roomId, err: String(error) }, "could not save the session lock");
        });
      },
      now: () => this.now(),
      setTimeout: (fn, ms) => this.clock.setTimeout(fn, ms),
    };
  }

  private handleFacilitate: Handler<typeof ClientMessage.Facilitate> = (client, action, actor) => {
    const target = "target" in action ? action.target : null;
    if (!mayFacilitate(actor.role)) {
      this.audit(actor, `refused:${action.action}`, target);
      return this.refuse(client, ClientMessage.Facilitate, "not_allowed", "Only the circle's facilitators can do that.");
    }
    void Promise.resolve(runFacilitatorAction(this.flow, actor, action)).then(
      (result) => {
        if (result.ok) return this.audit(actor, action.action, target);
        this.audit(actor, `refused:${action.action}`, target);
        this.refuse(client, ClientMessage.Facilitate, "not_allowed", result.message);
      },
      (error: unknown) => {
        log.error({ roomId: this.roomId, action: action.action, err: String(error) }, "facilitator action failed");
        this.refuse(client, ClientMessage.Facilitate, "not_allowed", "That did not work; please try again.");
      },
    );
  };

  /** Writes who did what to whom (ids only) to the durable audit log. */
  private audit(actor: Participant, action: string, target: string | null): void {
    const identity = this.identities.get(actor.id);
    const kind: ActorKind = actor.role === "facilitator" ? "facilitator" : "participant";
    log.info({ roomId: this.roomId, actorId: actor.id, action, target }, "facilitation");
    this.services.records
      ?.audit({
        actorId: identity?.accountId ?? null,
        actorKind: kind,
        action: `${action}${identity?.accountId ? "" : ` (participant ${actor.id})`}`,
        target,
        circleId: this.state.circleId,
        occurrenceId: this.scheduledSessionId || null,
      })
      .catch((error: unknown) => log.error({ roomId: this.roomId, err: String(error) }, "could not write the audit log"));
  }

  private now(): number {
    return this.services.clock?.now().getTime() ?? Date.now();
  }

  private dismiss(id: string, why: "removed" | "banned"): void {
    const client = this.clients.getById(id);
    if (!client) {
      // Their connection dropped and the seat is held: stop holding it, so they cannot slip back in.
      this.reconnections.get(id)?.reject(new Error(why));
      return;
    }
    client.send(ServerMessage.Notice, why === "banned" ? BANNED_NOTICE : REMOVED_NOTICE);
    this.removed.add(id);
    client.leave(CloseCode.Removed);
  }

  private async banKey(id: string): Promise<boolean> {
    const keyHash = this.identities.get(id)?.participantKeyHash;
    const records = this.services.records;
    if (!keyHash || !records) return false;
    await records.ban(this.state.circleId, keyHash, null);
    return true;
  }

  /** At the end time everyone is told; the overrun later the room closes, as if a facilitator ended it. */
  private closeAfterScheduledEnd(endsAt: number): void {
    const overrunMs = this.services.sessionOverrunMs ?? SESSION_OVERRUN_MS_DEFAULT;
    this.clock.setTimeout(() => {
      this.broadcast(ServerMessage.Notice, timeUpNotice(overrunMs / 60_000));
      log.info({ roomId: this.roomId }, "scheduled end reached");
      this.clock.setTimeout(() => this.endSession(CLOSED_AT_END_NOTICE), overrunMs);
    }, Math.max(0, endsAt - this.now()));
  }

  private endSession(notice = ENDED_NOTICE): void {
    // Nobody new joins a session that is ending: a newcomer starts a fresh one.
    void this.setMetadata({ ending: true });
    void this.lock();
    this.broadcast(ServerMessage.Notice, notice);
    for (const client of this.clients) this.removed.add(client.sessionId);
    // Let the notice go out before the connections close.
    this.clock.setTimeout(() => void this.disconnect(CloseCode.SessionEnded), 200);
  }

  /**
   * Whether a live room (in any process) already holds this circle's session. Colyseus opens a
   * new room when the one it finds is locked, and a flood of seat reservations locks a room: the
   * newcomer must be refused then, not seated in a second, empty copy of the circle.
   */
  private async anotherRoomHolds(circleId: string, sessionId: string): Promise<boolean> {
    const listed = await matchMaker.query({ name: this.roomName, circleId });
    return listed.some((room) => room.roomId !== this.roomId && String(room.sessionId ?? "") === sessionId && !room.metadata?.ending);
  }

  private enforceMic(participantId: string): Promise<void> {
    return this.mic.enforce(participantId);
  }

  /** Takes a participant who left the circle (or its space) out of that voice room too. */
  private leaveVoice(participantId: string, space: string): void {
    this.voicePresence.forget(participantId);
    const participant = this.state.participants.get(participantId);
    if (participant) participant.voiceConnected = false; // until they join their new space's voice
    if (space === Spaces.Waiting) return;
    this.services.voice?.removeParticipant(this.roomId, participantId, space).catch((error: unknown) => {
      log.warn({ roomId: this.roomId, participantId, err: String(error) }, "could not remove a participant from voice");
    });
  }

  private handlePose: Handler<typeof ClientMessage.Pose> = (client, bytes, participant) => {
    if (participant.seat === NO_SEAT) return; // in the waiting room: nowhere to be
    const frame = this.frames.read(bytes);
    if (!frame) return this.refuse(client, ClientMessage.Pose, "invalid_message", "Malformed pose frame.");
    const reason = implausibleFrameReason(frame, seatTransform(participant.seat, this.state.capacity));
    if (reason) return this.refuse(client, ClientMessage.Pose, "invalid_message", reason);
    this.poses.update(participant.poseId, bytes);
  };

  /** Seated: sitting upright, facing the fire, hands in the lap, until their own pose arrives. */
  private placePose(p: Participant): void {
    if (p.seat === NO_SEAT) this.poses.clear(p.poseId);
    else this.poses.update(p.poseId, encodeFrame({ head: seatedHeadPose(p.seat, this.state.capacity), hands: null }));
  }

  /** Registers a handler that only runs for a seated participant with a valid, in-rate payload. */
  private handle<K extends MessageName>(type: K, handler: Handler<K>): void {
    const schema = clientMessageSchemas[type];
    this.onMessage(type, (client, raw: unknown) => {
      const participant = this.admitMessage(client, type);
      if (!participant) return;
      const parsed = schema.safeParse(raw);
      if (!parsed.success) {
        return this.refuse(client, type, "invalid_message", describeZodError(parsed.error));
      }
      handler.call(this, client, parsed.data as ClientPayload<K>, participant);
    });
  }

  /** The sender's participant when they may send this message now; undefined (and maybe told why) otherwise. */
  private admitMessage(client: Client, type: MessageName): Participant | undefined {
    const participant = this.state.participants.get(client.sessionId);
    const limits = this.limits.get(client.sessionId);
    if (!participant || !limits) return undefined;
    if (limits[bucketFor(type)].take()) return participant;
    // Excess poses are dropped quietly; excess actions are told why.
    if (type !== ClientMessage.Pose) this.refuse(client, type, "rate_limited", "Too many requests; please slow down.");
    return undefined;
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

/** An id from the client that could name something: printable ASCII, or undefined (never reaches the store). */
function plainId(value: unknown): string | undefined {
  return typeof value === "string" && /^[\x21-\x7e]{1,80}$/.test(value) ? value : undefined;
}

/** Compares secrets in constant time. */
function sameSecret(given: string, expected: string): boolean {
  const a = createHash("sha256").update(given).digest();
  const b = createHash("sha256").update(expected).digest();
  return timingSafeEqual(a, b);
}
