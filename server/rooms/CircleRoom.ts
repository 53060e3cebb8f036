import { createHash, timingSafeEqual } from "node:crypto";
import { type AuthContext, type Client, matchMaker, Room, ServerError } from "@colyseus/core";
import { Spaces } from "../../shared/facilitation.ts";
import { CIRCLE_CAPACITY_DEFAULT, RECONNECT_GRACE_SECONDS } from "../../shared/limits.ts";
import { notice } from "../../shared/notices.ts";
import { MAX_POSE_IDS } from "../../shared/pose-relay.ts";
import { CloseCode, type NoticeMessage, ServerMessage } from "../../shared/protocol.ts";
import { describeZodError, joinOptionsSchema } from "../../shared/schemas.ts";
import { roomMaxClients } from "./capacity.ts";
import { type Admitted, type JoinAdmission, openCircleAdmission } from "../circles/admission.ts";
import type { CircleCatalog, CircleInfo } from "../circles/catalog.ts";
import type { Clock } from "../clock.ts";
import { log } from "../log.ts";
import { sha256 } from "../store/ids.ts";
import type { BlockStore } from "../safety/blocks-store.ts";
import type { RoomRecords } from "../safety/room-records.ts";
import type { VoiceEvent, VoiceGrant, VoiceRoomApi } from "../voice/room-api.ts";
import type { VoiceService } from "../voice/service.ts";
import { RoomAudit } from "./audit.ts";
import { CircleFlow } from "./facilitation/flow.ts";
import { facilitationMessages } from "./facilitation/messages.ts";
import { MessageGate } from "./message-gate.ts";
import { joinPatchClock, leavePatchClock } from "./patch-clock.ts";
import { RoomPoses } from "./poses.ts";
import { RoomSafety } from "./safety.ts";
import { RoomSanctions, sanctionSessionKey } from "./sanctions.ts";
import { RoomCheckIns } from "./check-ins.ts";
import type { CheckInCounter } from "../checkins/check-in-counter.ts";
import { type Arrival, Seating } from "./seating.ts";
import { SessionTiming } from "./session-timing.ts";
import { CircleState, GuideStepState } from "./state.ts";
import { RoomVoice } from "./voice.ts";
import { RoomVoicePrivacy } from "./voice-privacy.ts";

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
  /** Anonymous check-in counts; without it the circle offers no check-ins. */
  checkIns?: CheckInCounter;
}

type JoinAuth = Omit<ReturnType<typeof joinOptionsSchema.parse>, "pseudonym"> & Admitted & { mutedForSession?: true } & Pick<Arrival, "reclaimSeat">;

/** Binds a CircleRoom class to its services, for `gameServer.define`. */
export function circleRoomWith(services: CircleServices): typeof CircleRoom {
  return class BoundCircleRoom extends CircleRoom {
    protected override services = services;
  };
}

/**
 * One live circle: the Colyseus lifecycle and the wiring of its features, each in its own
 * module (docs/ARCHITECTURE.md). Every client message goes through the one MessageGate.
 */
export class CircleRoom extends Room<CircleState> implements VoiceRoomApi {
  protected services!: CircleServices;
  // Capacity is enforced in onJoin with a clear message; maxClients (set in onCreate) bounds abuse.
  override maxClients = MAX_POSE_IDS;
  private circle!: CircleInfo;
  /** The scheduled session this room holds; "" for an always-open circle. */
  private scheduledSessionId = "";
  /** Set when the process is going down: the session itself goes on after the restart. */
  private shuttingDown = false;
  /** Set once the room starts closing (restart, session over): a join still in onAuth is refused. */
  private closing = false;
  /** The one way in for client messages: schema, rate limit and strikes (server/rooms/message-gate.ts). */
  private gate!: MessageGate;
  /** Who is in the circle: seating, held seats, dismissals (server/rooms/seating.ts). */
  private seating!: Seating;
  /** A scheduled session's start and end (server/rooms/session-timing.ts). */
  private timing!: SessionTiming;
  /** Tickets, presence, microphones at LiveKit (server/rooms/voice.ts). */
  private voice!: RoomVoice;
  /** Blocks (who sees and hears whom), reports and chat (server/rooms/safety.ts). */
  private safety!: RoomSafety;
  /** Poses, sent beside the state right after each patch (server/rooms/poses.ts). */
  private poses!: RoomPoses;
  /** Spaces, seats, who may speak, rounds and raised hands (server/rooms/facilitation/). */
  private flow!: CircleFlow;
  /** End-to-end encryption keys, voice marks and captions (server/rooms/voice-privacy.ts). */
  private voicePrivacy!: RoomVoicePrivacy;
  private audit!: RoomAudit;
  /** Mutes and removals that hold for the session, by device key (server/rooms/sanctions.ts). */
  private sanctions!: RoomSanctions;
  /** Anonymous check-ins before and after the session (server/rooms/check-ins.ts). */
  private checkIns!: RoomCheckIns;
  /** When this session started: the scheduled start, or when the room opened. */
  private startedAt = 0;

  override async onCreate(options: { circleId?: unknown; sessionId?: unknown }): Promise<void> {
    const circleId = plainId(options.circleId) ?? "";
    const circle = await this.services.catalog.get(circleId);
    if (!circle) throw new ServerError(404, "There is no circle with this id.");
    let seats = circle.capacity || CIRCLE_CAPACITY_DEFAULT;
    const sessionId = options.sessionId === undefined ? "" : plainId(options.sessionId);
    if (sessionId === undefined) throw new ServerError(404, "There is no such session in this circle.");
    const session = sessionId ? await this.services.catalog.session?.(circle.id, sessionId) : undefined;
    if (sessionId && !session) throw new ServerError(404, "There is no such session in this circle.");
    if (session) seats = session.seats;
    else if (!circle.alwaysOpen) {
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
    this.maxClients = roomMaxClients(seats); // seats + a margin: reservations count against it (rooms/capacity.ts)
    this.state.locked = (await this.services.records?.isLocked(circle.id, sessionId)) ?? false;
    this.state.phaseStartedAt = Date.now();
    for (const step of circle.guide?.steps ?? []) this.state.guide.push(new GuideStepState().assign(step));
    this.wireFeatures();
    // Early arrivals wait; at the start time they come in unless a facilitator locked the session.
    if (session) this.timing.schedule(session.startsAt, session.endsAt);
    this.startedAt = session?.startsAt ?? this.now();
    await this.setMetadata({ circleId: circle.id, sessionId });
    this.setPatchRate(null);
    joinPatchClock(this);
    this.voice.startPresenceChecks();
    this.voicePrivacy.start();
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
    const admitted = { ...join, ...result.admitted, ...(facilitatorByKey ? { role: "facilitator" as const } : {}) };
    // One key hash for bans, blocks and sanctions, also where admission has no store to hash it for.
    const keyHash = admitted.participantKeyHash ?? (join.participantKey ? sha256(join.participantKey) : undefined);
    // Before any voice ticket: a removed key stays out, a muted one comes back muted.
    const sanctioned = await this.sanctions.admit(keyHash, admitted.role);
    // Their own device back while the seat is held (a crashed tab): the held seat is theirs again.
    const reclaimSeat = await this.seating.takeBackHeldSeat(admitted.pseudonym, keyHash);
    return { ...admitted, ...(keyHash ? { participantKeyHash: keyHash } : {}), ...sanctioned, ...(reclaimSeat ? { reclaimSeat } : {}) };
  }

  // Synchronous on purpose: checks and seat assignment cannot interleave with another join.
  override onJoin(client: Client, _options: unknown, auth: JoinAuth): void {
    // Colyseus closes only the clients it holds when disconnect() starts; one that finished onAuth
    // after that would keep the closing room alive (and the process's shutdown waiting) for good.
    if (this.closing) throw new ServerError(503, "This circle is closing. Please join again in a moment.");
    const participant = this.seating.seat(client.sessionId, auth);
    this.seating.watchConnection(client);
    if (auth.mutedForSession) participant.mutedByFacilitator = true;
    participant.poseId = this.poses.admit(client.sessionId);
    this.poses.place(participant);
    this.state.participants.set(client.sessionId, participant);
    this.safety.join(client, participant, auth);
    this.checkIns.join(client, auth.participantKeyHash);
    this.gate.admit(client.sessionId);
    if (participant.space === Spaces.Waiting) client.send(ServerMessage.Notice, notice("waiting-room"));
    else this.voice.sendTicket(client);
    void this.flow.syncMicrophones();
    const { seat, space } = participant;
    log.info({ roomId: this.roomId, participantId: client.sessionId, seat, space, role: auth.role }, "participant joined");
  }

  override async onLeave(client: Client, consented: boolean): Promise<void> {
    const id = client.sessionId;
    const participant = this.state.participants.get(id);
    const onPurpose = this.seating.leftOnPurpose(id);
    if (!participant) return;
    if (!consented && !onPurpose) {
      participant.connected = false;
      log.info({ roomId: this.roomId, participantId: id }, "participant dropped; holding seat");
      const reconnected = await this.seating.holdSeat(id, this.allowReconnection(client, RECONNECT_GRACE_SECONDS), RECONNECT_GRACE_SECONDS * 1000);
      if (reconnected) {
        this.seating.watchConnection(reconnected);
        participant.connected = true;
        this.poses.resend(id);
        this.voice.sendTicket(reconnected);
        log.info({ roomId: this.roomId, participantId: id }, "participant reconnected");
        return;
      }
    }
    this.flow.forget(id);
    this.state.participants.delete(id);
    this.poses.release(participant.poseId);
    this.safety.leave(id);
    this.gate.forget(id);
    this.seating.forget(id);
    this.voice.leave(id, participant.space);
    this.voicePrivacy.forget(id);
    this.checkIns.forget(id);
    log.info({ roomId: this.roomId, participantId: id, consented }, "participant left");
  }

  /** The patch's poses go right after it, so every client already knows each pose id they name. */
  override broadcastPatch(): boolean {
    const changed = super.broadcastPatch();
    this.poses?.flush(this.clients); // Colyseus may patch before onCreate has wired the features
    return changed;
  }

  override disconnect(closeCode?: number): Promise<unknown> {
    this.closing = true;
    return super.disconnect(closeCode);
  }

  /** The process is shutting down (SIGTERM, deploy): tell clients, who come back once it is up again. */
  override onBeforeShutdown(): void {
    this.shuttingDown = true;
    void this.disconnect(CloseCode.ServerRestart);
  }

  override async onDispose(): Promise<void> {
    leavePatchClock(this);
    this.poses?.dispose();
    if (!this.circle) return; // onCreate refused (no such circle or session): nothing was opened
    // Everyone has gone: whoever comes next starts an open session. A restart keeps the lock.
    if (this.state.locked && !this.shuttingDown) this.flow.setLocked(false);
    log.info({ roomId: this.roomId, circleId: this.state.circleId }, "circle closed");
    // Everyone still in a voice room of this session is disconnected: the session is over.
    await this.voice.closeAll();
  }

  /** For the voice token route: what a seated participant may do in voice, or null when not seated. */
  voiceGrantFor(participantId: string): VoiceGrant | null {
    return this.voice.grantFor(participantId);
  }

  /** For the voice token route: the grant for a ticket this room sent and nobody has redeemed yet. */
  redeemVoiceTicket(participantId: string, nonce: string | undefined): VoiceGrant | null {
    return this.voice.redeemTicket(participantId, nonce);
  }

  /** For the LiveKit webhook: keeps voiceConnected in step and re-applies mutes and blocks LiveKit has not seen. */
  handleVoiceEvent(event: VoiceEvent): Promise<void> {
    return this.voice.handleEvent(event);
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

  /** Builds the feature modules, each given only what it needs, and registers their messages. */
  private wireFeatures(): void {
    // Colyseus sets roomId before onCreate: the modules may keep it.
    const client = (id: string) => this.clients.getById(id);
    this.gate = new MessageGate({
      roomId: this.roomId,
      participant: (id) => this.state.participants.get(id),
      onMessage: (type, callback) => this.onMessage(type, callback),
      onAnyMessage: (callback) => this.onMessage("*", callback),
      disconnect: (c) => this.seating.close(c),
    });
    const refuse = this.gate.refuse;
    this.timing = new SessionTiming(
      {
        roomId: this.roomId,
        clock: this.clock,
        now: () => this.now(),
        started: () => {
          if (!this.state.locked) this.flow.admitAllWaiting();
        },
        close: (message) => this.closeSession(message),
        broadcast: (message) => this.broadcast(ServerMessage.Notice, message),
      },
      this.services.sessionOverrunMs,
    );
    this.seating = new Seating({
      state: this.state,
      client,
      arrivalSpace: (role) => this.flow.arrivalSpace(role, this.timing.beforeStart()),
      freeSeat: (space) => this.flow.freeSeat(space),
      records: () => this.services.records,
    });
    this.safety = new RoomSafety(
      this,
      { blocks: this.services.blocks, voice: this.services.voice, applyVoicePermission: (id) => void this.voice.applyMic(id) },
      refuse,
    );
    this.poses = new RoomPoses(() => this.state.capacity, () => this.safety.visibility, refuse, this);
    this.voice = new RoomVoice(
      {
        roomId: this.roomId,
        state: this.state,
        clock: this.clock,
        client,
        heard: (event) => this.safety.onVoiceEvent(event),
        canSubscribe: (id) => this.safety.voiceApart.canSubscribe(id),
        refuse,
      },
      this.services.voice,
    );
    this.audit = new RoomAudit({
      roomId: this.roomId,
      circleId: () => this.state.circleId,
      sessionId: () => this.scheduledSessionId,
      identity: (id) => this.seating.identity(id),
      records: () => this.services.records,
    });
    this.sanctions = new RoomSanctions({
      roomId: this.roomId,
      circleId: () => this.state.circleId,
      sessionId: () => this.scheduledSessionId,
      now: () => this.now(),
      records: () => this.services.records,
      keyHash: (id) => this.seating.identity(id)?.participantKeyHash,
    });
    this.flow = new CircleFlow({
      state: this.state,
      notify: (id, message) => client(id)?.send(ServerMessage.Notice, message),
      voice: this.voice,
      poses: this.poses,
      seating: this.seating,
      spaceChanged: (id) => this.safety.visibility.refresh(id),
      endSession: () => this.closeSession(notice("session-ended", "facilitator")),
      persistLock: (locked) => this.persistLock(locked),
      sanctions: this.sanctions,
      now: () => this.now(),
      setTimeout: (fn, ms) => this.clock.setTimeout(fn, ms),
    });
    this.gate.registerPose(this.poses.receive);
    this.gate.register(this.voice.handlers());
    this.gate.register(facilitationMessages({ roomId: this.roomId, flow: this.flow, audit: this.audit, refuse, state: this.state }));
    this.gate.register(this.safety.handlers());
    this.voicePrivacy = new RoomVoicePrivacy({
      state: this.state,
      client,
      seated: () => this.safety.seated(),
      canSee: (viewer, sender) => this.safety.visibility.canSee(viewer, sender),
      setInterval: (fn, ms) => this.clock.setInterval(fn, ms),
      refuse,
    });
    this.gate.register(this.voicePrivacy.handlers());
    this.checkIns = new RoomCheckIns(
      {
        roomId: this.roomId,
        circleId: () => this.state.circleId,
        sessionKey: () => sanctionSessionKey(this.scheduledSessionId, this.startedAt),
        sessionStart: () => this.startedAt,
        wantsCheckIn: (participant) => this.safety.crisis.checkInRequested(participant),
        refuse,
      },
      this.services.checkIns,
    );
    this.gate.register(this.checkIns.handlers());
    this.gate.seal();
  }

  private now(): number {
    return this.services.clock?.now().getTime() ?? Date.now();
  }

  private persistLock(locked: boolean): void {
    this.services.records?.setLocked(this.state.circleId, this.scheduledSessionId, locked).catch((error: unknown) => {
      log.error({ roomId: this.roomId, err: String(error) }, "could not save the session lock");
    });
  }

  /** The session is over: nobody new joins it (a newcomer starts a fresh one), everyone is told and let go. */
  private closeSession(message: NoticeMessage): void {
    void this.setMetadata({ ending: true });
    void this.lock();
    this.broadcast(ServerMessage.Notice, message);
    this.seating.closingAll(this.clients);
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
