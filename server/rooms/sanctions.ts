import { ServerError } from "@colyseus/core";
import { log } from "../log.ts";
import type { RoomRecords, SanctionKind } from "../safety/room-records.ts";
import type { Participant } from "./state.ts";

/**
 * The session a sanction belongs to: a scheduled session's id, or for an always-open circle
 * (which has no sessions) the UTC day, so a mute given there holds until the day is over.
 */
export function sanctionSessionKey(sessionId: string, now: number): string {
  return sessionId || `open:${new Date(now).toISOString().slice(0, 10)}`;
}

export interface SanctionsHost {
  readonly roomId: string;
  circleId(): string;
  sessionId(): string;
  now(): number;
  records(): RoomRecords | undefined;
  /** The participant's device key hash, when they joined with a key. */
  keyHash(id: string): string | undefined;
}

/**
 * A facilitator's mute and removal stick to the participant's device key (its hash) for the
 * rest of the session: across reconnects, leave and rejoin, a server restart and every process
 * (they are written to the store, which all processes share). This room's own decisions are also
 * kept in memory, so a rejoin that beats the store write is still refused or muted.
 */
export class RoomSanctions {
  /** What this room decided, by key hash: newer than the store while a write is on its way. */
  private readonly decided = new Map<string, Map<SanctionKind, boolean>>();
  /** Writes per key hash, in order, so a quick mute then allow lands as allow. */
  private readonly writes = new Map<string, Promise<void>>();

  constructor(private readonly host: SanctionsHost) {}

  /** The sanctions a key carries in this session (throws when the store cannot be read). */
  async of(keyHash: string): Promise<Set<SanctionKind>> {
    const records = this.host.records();
    const stored = records ? await records.sanctionsOf(this.host.circleId(), this.sessionKey(), keyHash) : [];
    const kinds = new Set(stored);
    for (const [kind, on] of this.decided.get(keyHash) ?? []) {
      if (on) kinds.add(kind);
      else kinds.delete(kind);
    }
    return kinds;
  }

  /** For onAuth: refuses a key removed from this session, and says whether it comes back muted. */
  async admit(keyHash: string | undefined, role: string): Promise<{ mutedForSession?: true }> {
    if (!keyHash || role === "facilitator") return {};
    let kinds: Set<SanctionKind>;
    try {
      kinds = await this.of(keyHash);
    } catch (error) {
      log.error({ roomId: this.host.roomId, err: String(error) }, "could not read session sanctions");
      throw new ServerError(503, "This circle cannot let anyone in just now. Please try again in a minute.");
    }
    if (kinds.has("removed")) {
      throw new ServerError(403, "A facilitator asked you to leave this session. You are welcome at its next one.");
    }
    this.known(keyHash, kinds);
    return kinds.has("muted") ? { mutedForSession: true } : {};
  }

  /** Writes down each participant's facilitator mute where it changed (call after mutes and allows). */
  rememberMutes(participants: Iterable<Participant>): void {
    for (const p of participants) {
      if (p.role === "facilitator") continue;
      const keyHash = this.host.keyHash(p.id);
      if (keyHash && (this.decided.get(keyHash)?.get("muted") ?? false) !== p.mutedByFacilitator) {
        this.set(keyHash, "muted", p.mutedByFacilitator);
      }
    }
  }

  /** Seeds what a newcomer's key carries, so the next rememberMutes writes only real changes. */
  known(keyHash: string, kinds: Set<SanctionKind>): void {
    for (const kind of kinds) this.remember(keyHash, kind, true);
  }

  removed(id: string): void {
    const keyHash = this.host.keyHash(id);
    if (keyHash) this.set(keyHash, "removed", true);
  }

  private remember(keyHash: string, kind: SanctionKind, on: boolean): void {
    const kinds = this.decided.get(keyHash) ?? new Map<SanctionKind, boolean>();
    kinds.set(kind, on);
    this.decided.set(keyHash, kinds);
  }

  private set(keyHash: string, kind: SanctionKind, on: boolean): void {
    this.remember(keyHash, kind, on);
    const records = this.host.records();
    if (!records) return;
    const circleId = this.host.circleId();
    const sessionKey = this.sessionKey();
    const previous = this.writes.get(keyHash) ?? Promise.resolve();
    const write = previous
      .then(() => records.setSanction(circleId, sessionKey, keyHash, kind, on))
      .catch((error: unknown) => {
        log.error({ roomId: this.host.roomId, kind, err: String(error) }, "could not write a session sanction");
      });
    this.writes.set(keyHash, write);
    void write.then(() => {
      if (this.writes.get(keyHash) === write) this.writes.delete(keyHash);
    });
  }

  private sessionKey(): string {
    return sanctionSessionKey(this.host.sessionId(), this.host.now());
  }
}
