import { randomBytes } from "node:crypto";
import type { Client, Room } from "@colyseus/core";
import { notice } from "../../shared/notices.ts";
import { ClientMessage, ServerMessage } from "../../shared/protocol.ts";
import type { ClientPayload } from "../../shared/schemas.ts";
import {
  type BlocksMessage,
  REPORT_CATEGORY_LABELS,
  type ReportForFacilitators,
  type ReportResolvedMessage,
  REPORTS_PER_MINUTE,
} from "../../shared/safety.ts";
import { log } from "../log.ts";
import type { BlockStore } from "../safety/blocks-store.ts";
import { sha256 } from "../store/ids.ts";
import type { VoiceEvent } from "../voice/room-api.ts";
import type { VoiceService } from "../voice/service.ts";
import { CHAT_COOL_DOWN_MS, type ChatCoolDownMessage } from "../../shared/chat.ts";
import { CircleChat } from "./chat.ts";
import type { MessageHandlers, Refuse } from "./message-gate.ts";
import { CrisisAssist } from "./crisis-assist.ts";
import type { CircleState, Participant } from "./state.ts";
import { VoiceApart } from "./voice-apart.ts";
import { Visibility } from "./visibility.ts";

export interface SafetyServices {
  /** Blocks between participant keys that outlive the session; without it blocks last the session. */
  blocks?: BlockStore;
  voice?: VoiceService;
  /** Re-applies someone's whole LiveKit permission, in order with their mutes (the room's voice). */
  applyVoicePermission(id: string): void;
}

/** What the safety features need to know about a joining participant beyond the state. */
export interface SafetyIdentity {
  /** SHA-256 of the participant key, when admission checked one. */
  participantKeyHash?: string;
  /** The raw key from the join options (the open circle does not check it, but it is still a secret only that browser holds). */
  participantKey?: string;
}

const pairsKey = (blocker: string, blocked: string) => `${blocker}>${blocked}`;

/**
 * Participant safety in a live circle: blocks (state filtering, voice, persistence), reports to
 * the session's facilitators, and the ephemeral chat. Logs carry ids and categories only: never
 * a pseudonym, a chat text or a report note. Nothing here is stored except block pairs by key hash.
 */
export class RoomSafety {
  readonly visibility: Visibility;
  readonly chat: CircleChat;
  readonly crisis: CrisisAssist;
  private readonly keyHashes = new Map<string, string>();
  /** Who blocked whom in this session (blocker>blocked), by participant id, both made here and loaded. */
  private readonly blocks = new Set<string>();
  private readonly reports = new Map<string, ReportForFacilitators>();
  private readonly reportTimes = new Map<string, number[]>();
  /** Blocks at the SFU, whatever the clients do (server/rooms/voice-apart.ts). */
  readonly voiceApart: VoiceApart;

  constructor(
    private readonly room: Room<CircleState>,
    private readonly services: SafetyServices,
    /** The room's message gate: a refusal costs a strike. */
    private readonly refuse: Refuse,
  ) {
    this.visibility = new Visibility(() => this.room.state.participants);
    this.voiceApart = new VoiceApart({
      roomId: this.room.roomId,
      clock: this.room.clock,
      voice: this.services.voice,
      blocks: () => [...this.blocks].map((key) => key.split(">") as [string, string]),
      participant: (id) => this.participant(id),
      applyPermission: (id) => this.services.applyVoicePermission(id),
      tell: (id, paused) => this.room.clients.getById(id)?.send(ServerMessage.Notice, notice(paused ? "voice-paused-apart" : "voice-resumed-apart")),
    });
    this.chat = new CircleChat({
      now: () => Date.now(),
      seated: () => this.seated(),
      canSee: (viewer, sender) => this.visibility.canSee(viewer, sender),
      isPaused: () => this.room.state.chatPaused,
      setPaused: (paused) => this.setChatPaused(paused),
      refuse,
      flagAbuse: (id) => this.flagAbuse(id),
      crisisFlagged: (id, category) => this.crisis.chatFlagged(id, category),
      coolDownChanged: (id, remainingMs, lifted) => this.coolDownChanged(id, remainingMs, lifted),
    });
    this.crisis = new CrisisAssist({
      roomId: this.room.roomId,
      now: () => Date.now(),
      participant: (id) => this.participant(id),
      client: (id) => this.room.clients.getById(id),
      facilitatorClients: () => this.facilitatorClients(),
      refuse: (client, type, code, message) => this.refuse(client, type, code, message),
    });
  }

  /** The safety and chat messages, for the room's message gate. */
  handlers(): MessageHandlers {
    return {
      [ClientMessage.Chat]: (client, payload, sender) => this.chat.handleSend(client, payload, sender),
      [ClientMessage.ChatModerate]: (client, payload, actor) => this.chat.handleModerate(client, payload, actor),
      [ClientMessage.Block]: (client, payload, blocker) => void this.handleBlock(client, payload, blocker),
      [ClientMessage.Unblock]: (client, payload, blocker) => void this.handleUnblock(client, payload, blocker),
      [ClientMessage.VoiceBlocksApplied]: (_client, payload, sender) => this.voiceApart.confirm(sender.id, payload),
      [ClientMessage.Report]: (client, payload, reporter) => this.handleReport(client, payload, reporter),
      [ClientMessage.ReportResolve]: (client, payload, actor) => this.handleResolve(client, payload, actor),
      [ClientMessage.SupportRequest]: (client, payload, sender) => this.crisis.handleSupportRequest(client, payload, sender),
    };
  }

  /**
   * A participant was just added to the state (onJoin): they see themselves at once, and are
   * shown to the others (and the others to them) as soon as their stored blocks are known.
   */
  join(client: Client, participant: Participant, identity: SafetyIdentity): void {
    this.visibility.attach(client, participant);
    const keyHash = identity.participantKeyHash ?? (identity.participantKey ? sha256(identity.participantKey) : undefined);
    if (keyHash) this.keyHashes.set(participant.id, keyHash);
    if (participant.role === "facilitator") {
      for (const report of this.reports.values()) client.send(ServerMessage.Report, report);
      this.crisis.facilitatorJoined(client);
    }
    const store = this.services.blocks;
    if (!keyHash || !store) {
      this.visibility.reveal(participant.id);
      return;
    }
    store.blocksInvolving(keyHash).then(
      (rows) => this.revealWithStoredBlocks(participant.id, keyHash, rows),
      (error: unknown) => {
        // Fail closed for the pairs we cannot know about? We cannot tell who they are: show them,
        // as a session without a store would, and say so in the log.
        log.error({ roomId: this.room.roomId, participantId: participant.id, err: String(error) }, "could not load blocks");
        this.visibility.reveal(participant.id);
      },
    );
  }

  /** The participant left for good (their seat is freed). */
  leave(id: string): void {
    const others = this.visibility.apartFrom(id);
    this.visibility.forget(id);
    this.chat.forget(id);
    this.crisis.forget(id);
    this.keyHashes.delete(id);
    this.reportTimes.delete(id);
    for (const key of [...this.blocks]) if (key.startsWith(`${id}>`) || key.endsWith(`>${id}`)) this.blocks.delete(key);
    for (const other of others) this.sendBlocks(other);
    this.voiceApart.forget(id);
  }

  /** LiveKit told the room about someone's voice: re-apply their blocks there at once (server/rooms/voice-apart.ts). */
  onVoiceEvent(event: VoiceEvent): void {
    if (this.visibility.apartFrom(event.identity).length) this.voiceApart.changed();
  }

  /** Whether `viewer` receives `target`'s state (and chat). */
  canSee(viewer: string, target: string): boolean {
    return this.visibility.canSee(viewer, target);
  }

  // ---------------------------------------------------------------- blocks

  private async handleBlock(client: Client, request: ClientPayload<"block">, blocker: Participant): Promise<void> {
    const target = this.participant(request.target);
    if (!target || target.id === blocker.id) {
      return this.refuse(client, ClientMessage.Block, "invalid_message", "There is nobody with this id here to block.");
    }
    if (blocker.role === "facilitator") {
      return this.refuse(client, ClientMessage.Block, "not_allowed", "Facilitators keep everyone in view: use remove or ban instead.");
    }
    if (target.role === "facilitator") {
      return this.refuse(client, ClientMessage.Block, "not_allowed", "Facilitators cannot be blocked, so they can keep the circle safe. You can report them, or leave.");
    }
    this.keepApart(blocker.id, target.id);
    client.send(ServerMessage.Notice, notice("blocked", target.pseudonym));
    log.info({ roomId: this.room.roomId, participantId: blocker.id, targetId: target.id }, "participant blocked someone");
    const [a, b] = [this.keyHashes.get(blocker.id), this.keyHashes.get(target.id)];
    if (a && b && this.services.blocks) {
      await this.services.blocks.block(a, b, new Date()).catch((error: unknown) => {
        log.error({ roomId: this.room.roomId, participantId: blocker.id, err: String(error) }, "could not store a block");
      });
    }
  }

  private async handleUnblock(client: Client, request: ClientPayload<"unblock">, blocker: Participant): Promise<void> {
    const targetId = request.target;
    if (!this.blocks.delete(pairsKey(blocker.id, targetId))) {
      return this.refuse(client, ClientMessage.Unblock, "invalid_message", "You have not blocked anyone with this id here.");
    }
    // Still apart when the other also blocked them.
    if (!this.blocks.has(pairsKey(targetId, blocker.id))) this.visibility.setApart(blocker.id, targetId, false);
    this.sendBlocks(blocker.id);
    this.sendBlocks(targetId);
    this.voiceApart.changed();
    client.send(ServerMessage.Notice, notice("unblocked"));
    log.info({ roomId: this.room.roomId, participantId: blocker.id, targetId }, "participant unblocked someone");
    const [a, b] = [this.keyHashes.get(blocker.id), this.keyHashes.get(targetId)];
    if (a && b && this.services.blocks) {
      await this.services.blocks.unblock(a, b).catch((error: unknown) => {
        log.error({ roomId: this.room.roomId, participantId: blocker.id, err: String(error) }, "could not remove a stored block");
      });
    }
  }

  private revealWithStoredBlocks(id: string, keyHash: string, rows: { blocker: string; blocked: string }[]): void {
    if (!this.participant(id)) return; // left meanwhile
    const byHash = new Map<string, string>();
    for (const [participantId, hash] of this.keyHashes) if (participantId !== id) byHash.set(hash, participantId);
    for (const { blocker, blocked } of rows) {
      const other = byHash.get(blocker === keyHash ? blocked : blocker);
      if (!other) continue;
      const [from, to] = blocker === keyHash ? [id, other] : [other, id];
      this.blocks.add(pairsKey(from, to));
      this.visibility.setApart(from, to, true);
    }
    this.visibility.reveal(id);
    const others = this.visibility.apartFrom(id);
    if (others.length === 0) return;
    this.sendBlocks(id);
    for (const other of others) this.sendBlocks(other);
    this.voiceApart.changed();
  }

  private keepApart(blocker: string, target: string): void {
    this.blocks.add(pairsKey(blocker, target));
    this.visibility.setApart(blocker, target, true);
    this.sendBlocks(blocker);
    this.sendBlocks(target);
    this.voiceApart.changed();
  }

  private sendBlocks(id: string): void {
    const client = this.room.clients.getById(id);
    if (!client) return;
    const blocked: BlocksMessage["blocked"] = [];
    for (const key of this.blocks) {
      const [from, to] = key.split(">") as [string, string];
      const target = from === id ? this.participant(to) : undefined;
      if (target) blocked.push({ id: target.id, pseudonym: target.pseudonym });
    }
    const message: BlocksMessage = { hidden: this.visibility.apartFrom(id), blocked };
    client.send(ServerMessage.Blocks, message);
  }

  // ---------------------------------------------------------------- reports

  private handleReport(client: Client, request: ClientPayload<"report">, reporter: Participant): void {
    const now = Date.now();
    const recent = (this.reportTimes.get(reporter.id) ?? []).filter((t) => now - t < 60_000);
    if (recent.length >= REPORTS_PER_MINUTE) {
      return this.refuse(client, ClientMessage.Report, "rate_limited", "You've sent several reports just now: the facilitators have them. Please wait a minute.");
    }
    const target = this.participant(request.target);
    if (!target || target.id === reporter.id) {
      return this.refuse(client, ClientMessage.Report, "invalid_message", "There is nobody with this id here to report.");
    }
    recent.push(now);
    this.reportTimes.set(reporter.id, recent);
    const report: ReportForFacilitators = {
      id: randomBytes(6).toString("base64url"),
      at: now,
      reporterId: reporter.id,
      reporterPseudonym: reporter.pseudonym,
      targetId: target.id,
      targetPseudonym: target.pseudonym,
      category: request.category,
      note: (request.note ?? "").trim(),
      source: "participant",
    };
    const reached = this.deliverReport(report);
    log.info({ roomId: this.room.roomId, reportId: report.id, reporterId: reporter.id, targetId: target.id, category: report.category, facilitators: reached }, "report filed");
    const category = REPORT_CATEGORY_LABELS[report.category].toLowerCase();
    client.send(ServerMessage.Notice, notice("report-received", category, target.pseudonym, reached > 0));
  }

  private handleResolve(client: Client, request: ClientPayload<"reportResolve">, actor: Participant): void {
    if (actor.role !== "facilitator") {
      return this.refuse(client, ClientMessage.ReportResolve, "not_allowed", "Only the circle's facilitators can do that.");
    }
    if (!this.reports.delete(request.reportId)) return;
    const resolved: ReportResolvedMessage = { id: request.reportId };
    for (const facilitator of this.facilitatorClients()) facilitator.send(ServerMessage.ReportResolved, resolved);
    log.info({ roomId: this.room.roomId, reportId: resolved.id, participantId: actor.id }, "report resolved");
  }

  private flagAbuse(id: string): void {
    const target = this.participant(id);
    if (!target) return;
    const report: ReportForFacilitators = {
      id: randomBytes(6).toString("base64url"),
      at: Date.now(),
      reporterId: "",
      reporterPseudonym: "",
      targetId: id,
      targetPseudonym: target.pseudonym,
      category: "hate",
      note: "The chat filter masked repeated abuse or slurs from this person.",
      source: "chat-filter",
    };
    const reached = this.deliverReport(report);
    log.info({ roomId: this.room.roomId, reportId: report.id, targetId: id, facilitators: reached }, "chat filter flagged repeated abuse");
  }

  /** Queues a report and sends it to the facilitators here; returns how many got it. */
  private deliverReport(report: ReportForFacilitators): number {
    this.reports.set(report.id, report);
    let reached = 0;
    for (const facilitator of this.facilitatorClients()) {
      facilitator.send(ServerMessage.Report, report);
      reached++;
    }
    return reached;
  }

  private *facilitatorClients(): Iterable<Client> {
    for (const { client, participant } of this.seated()) if (participant.role === "facilitator") yield client;
  }

  /** Repeated abuse paused someone's chat, or a facilitator lifted the pause: the writer and the facilitators learn. */
  private coolDownChanged(id: string, remainingMs: number, liftedByFacilitator: boolean): void {
    const message: ChatCoolDownMessage = { participantId: id, remainingMs, ...(liftedByFacilitator ? { liftedBy: "facilitator" as const } : {}) };
    const writer = this.room.clients.getById(id);
    writer?.send(ServerMessage.ChatCoolDown, message);
    for (const facilitator of this.facilitatorClients()) if (facilitator !== writer) facilitator.send(ServerMessage.ChatCoolDown, message);
    const words = remainingMs > 0 ? notice("chat-cool-down", Math.round(CHAT_COOL_DOWN_MS / 1000)) : notice("chat-cool-down-lifted");
    writer?.send(ServerMessage.Notice, words);
    log.info({ roomId: this.room.roomId, participantId: id, lifted: remainingMs === 0 }, remainingMs > 0 ? "chat cool-down began" : "chat cool-down lifted");
  }

  // ---------------------------------------------------------------- helpers

  private setChatPaused(paused: boolean): void {
    if (this.room.state.chatPaused === paused) return;
    this.room.state.chatPaused = paused;
    const message = notice(paused ? "chat-paused" : "chat-resumed");
    for (const { client } of this.seated()) client.send(ServerMessage.Notice, message);
  }

  private participant(id: string): Participant | undefined {
    return this.room.state.participants.get(id);
  }

  /** Connected clients with their participant (the chat's and the captions' recipients). */
  *seated(): Iterable<{ client: Client; participant: Participant }> {
    for (const client of this.room.clients) {
      const participant = this.participant(client.sessionId);
      if (participant) yield { client, participant };
    }
  }
}
