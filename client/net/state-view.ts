/**
 * The shape of the CircleRoom state as the client sees it (decoded by reflection).
 * Mirrors server/rooms/state.ts without importing server code into the bundle.
 */
export interface ParticipantStateView {
  id: string;
  pseudonym: string;
  role: string;
  seat: number;
  color: string;
  /** Names this participant in ServerMessage.Poses (shared/pose-relay.ts). */
  poseId: number;
  muted: boolean;
  micAllowed: boolean;
  voiceConnected: boolean;
  handRaised: boolean;
  away: boolean;
  connected: boolean;
  /** "main", "waiting" or "breakout:<name>" (shared/facilitation.ts). */
  space: string;
  mutedByFacilitator: boolean;
  /** Voice privacy (server/rooms/voice-privacy.ts): public key, disguise and captions marks. */
  voiceKey?: string;
  disguised?: boolean;
  captions?: boolean;
}

export interface CircleStateView {
  circleId: string;
  title: string;
  capacity: number;
  phase: string;
  /** When the current phase began (ms since the epoch, server clock). */
  phaseStartedAt: number;
  locked: boolean;
  roundActive: boolean;
  roundHolder: string;
  /** When the current share's gentle timer runs out (ms since the epoch); 0 for none. */
  shareEndsAt: number;
  /** Raised hands in the order they went up. */
  handQueue: { toArray(): string[] } & Iterable<string>;
  participants: {
    get(id: string): ParticipantStateView | undefined;
    has(id: string): boolean;
    forEach(cb: (p: ParticipantStateView, id: string) => void): void;
    readonly size: number;
  };
}
