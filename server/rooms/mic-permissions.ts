import { Spaces } from "../../shared/facilitation.ts";
import { log } from "../log.ts";
import type { VoiceService } from "../voice/service.ts";
import type { Participant } from "./state.ts";

/** How often a microphone permission is tried at LiveKit before giving up. */
const ATTEMPTS = 5;
const RETRY_MS = 1000;

interface MicPermissionHost {
  roomId(): string;
  participant(id: string): Participant | undefined;
  voice(): VoiceService | undefined;
  later(fn: () => void, ms: number): void;
}

/**
 * Applies each participant's `micAllowed` at LiveKit. One update per participant at a time,
 * each reading the state when it starts, so quick mute/allow changes cannot arrive out of
 * order; a failed one is retried a few times, a second apart.
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
      await voice.setMicrophoneAllowed(this.host.roomId(), participantId, participant.micAllowed, participant.space);
    } catch (error) {
      log.error({ roomId: this.host.roomId(), participantId, attempt, err: String(error) }, "could not apply the microphone permission at LiveKit");
      if (attempt < ATTEMPTS) this.host.later(() => void this.enforce(participantId, attempt + 1).catch(() => {}), RETRY_MS);
      throw error;
    }
  }
}
