/** The shape of `window.__hearthSafety` (client/testing/safety-hook.ts), as e2e tests read it. */
export interface SafetyHook {
  state(): {
    hidden: string[];
    blocked: { id: string; pseudonym: string }[];
    mutedForMe: string[];
    chat: { id: string; from: string; text: string }[];
    reports: { id: string; targetId: string; category: string; note: string }[];
    steppedOut: boolean;
    crisisOpen: boolean;
    chatPaused: boolean;
    boundary: boolean;
    faded: number;
    selfMuted: boolean;
    masterVolume: number;
  };
  xrButtons(): string[];
  xrButtonTarget(label: string): [number, number, number] | null;
  xrPress(label: string): boolean;
}

declare global {
  interface Window {
    __hearthSafety: SafetyHook;
  }
}
