import { Spaces } from "../../shared/facilitation.ts";
import { log } from "../log.ts";
import type { VoiceService } from "../voice/service.ts";
import type { Participant } from "./state.ts";

/**
 * Waits before each retry of a microphone permission at LiveKit: short first, so a participant
 * allowed to speak during a LiveKit hiccup is heard again within a fraction of a second, not after
 * a whole second's pause per failure; after the last, it gives up.
 */
const RETRY_DELAYS_MS = [50, 150, 400, 1000];

interface MicPermissionHost {
  roomId(): string;
  participant(id: string): Participant | undefined;
  /** False while a block pauses the person's hearing (server/rooms/voice-apart.ts). */
  canSubscribe(id: string): boolean;
  voice(): VoiceService | undefined;
  later(fn: () => void, ms: number): void;
}

/**
 * Applies each participant's `micAllowed` (and whether a block pauses their hearing) at LiveKit. One update per participant at a time,
 * each reading the state when it starts, so quick mute/allow changes cannot arrive out of
 * order; a failed one is retried a few times, soon at first (RETRY_DELAYS_MS).
 */
export class MicPermissions {
  private inFlight = new Map<string, Promise<void>>();

  constructor(private readonly host: MicPermissionHost) {}

  enforce(participantId: string, attempt = 1): Promise<void> {
    const previous = this.inFlight.get(participantId) ?? Promise.resolve();
    const update = previous.catch(() => {}).then(() => this.apply(participantId, attempt));
    this.inFlight.set(participantId, update);
    const forget = () => {
      if (this.inFlight.get(participantId) === update) this.inFlight.delete(participantId);
    };
    update.then(forget, forget);
    return update;
  }

  private async apply(participantId: string, attempt: number): Promise<void> {
    const participant = this.host.participant(participantId);
    const voice = this.host.voice();
    if (!participant || !voice || participant.space === Spaces.Waiting) return;
    try {
      const permission = { canPublish: participant.micAllowed, canSubscribe: this.host.canSubscribe(participantId) };
      await voice.setVoicePermission(this.host.roomId(), participantId, permission, participant.space);
    } catch (error) {
      log.error({ roomId: this.host.roomId(), participantId, attempt, err: String(error) }, "could not apply the microphone permission at LiveKit");
      const delay = RETRY_DELAYS_MS[attempt - 1];
      if (delay !== undefined) this.host.later(() => void this.enforce(participantId, attempt + 1).catch(() => {}), delay);
      throw error;
    }
  }
}
