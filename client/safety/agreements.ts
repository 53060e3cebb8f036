import { createStore } from "zustand/vanilla";
import type { SessionResponse } from "../../shared/scheduling-api.ts";

/** Hearth's own community agreements: read and accepted before the first circle. */
export const COMMUNITY_AGREEMENTS: { title: string; text: string }[] = [
  { title: "Confidentiality", text: "What is shared here stays here. Don't repeat others' stories, names or details outside the circle." },
  { title: "Respect", text: "Listen without interrupting. No judgement, no slurs, no put-downs." },
  { title: "Speak from your own experience", text: "Say \"I\", not \"you\" or \"everyone\". Your story is yours to tell; others' stories are theirs." },
  { title: "No unsolicited advice", text: "Listen rather than fix. Offer advice only when someone asks for it." },
  {
    title: "Peer support, not a crisis or therapy service",
    text: "The people here are peers, not counsellors. If you are in danger or might harm yourself, call your local emergency number: the crisis resources are always one click away.",
  },
];

/** Bump when COMMUNITY_AGREEMENTS change in substance: everyone is asked again. */
export const AGREEMENTS_VERSION = 1;
const STORAGE_KEY = "hearth.agreements";

interface Accepted {
  version: number;
  /** A scheduled circle's own agreements, by circle id: a fingerprint of the text accepted. */
  circles: Record<string, string>;
}

export interface AgreementsRequest {
  circleTitle: string;
  /** The circle's own agreements (scheduled circles), shown after Hearth's. */
  circleText: string;
  resolve: (accepted: boolean) => void;
}

/** The pending request the dialog shows; null when nothing is asked. */
export const agreementsPrompt = createStore<{ request: AgreementsRequest | null }>(() => ({ request: null }));

function fingerprint(text: string): string {
  let hash = 5381;
  for (let i = 0; i < text.length; i++) hash = ((hash * 33) ^ text.charCodeAt(i)) >>> 0;
  return `${text.length}:${hash.toString(36)}`;
}

function load(): Accepted | null {
  try {
    const saved = JSON.parse(localStorage.getItem(STORAGE_KEY) ?? "null") as Accepted | null;
    return saved && typeof saved.version === "number" ? { version: saved.version, circles: saved.circles ?? {} } : null;
  } catch {
    return null;
  }
}

function isAccepted(circleId: string, circleText: string): boolean {
  const saved = load();
  if (!saved || saved.version !== AGREEMENTS_VERSION) return false;
  return !circleText || saved.circles[circleId] === fingerprint(circleText);
}

function remember(circleId: string, circleText: string): void {
  const saved = load();
  const circles = saved?.version === AGREEMENTS_VERSION ? saved.circles : {};
  if (circleText) circles[circleId] = fingerprint(circleText);
  localStorage.setItem(STORAGE_KEY, JSON.stringify({ version: AGREEMENTS_VERSION, circles } satisfies Accepted));
}

/** Test pages (`?e2e=1`) count Hearth's agreements as accepted unless `&agreements` asks for the dialog. */
function preacceptedForTests(): boolean {
  const params = new URLSearchParams(location.search);
  return params.has("e2e") && !params.has("agreements");
}

async function circleAgreements(sessionId: string | undefined): Promise<{ title: string; text: string }> {
  if (!sessionId) return { title: "", text: "" };
  try {
    const response = await fetch(`/api/sessions/${encodeURIComponent(sessionId)}`);
    if (!response.ok) return { title: "", text: "" };
    const body = (await response.json()) as SessionResponse;
    return { title: body.session.circle.title, text: body.session.circle.agreements.trim() };
  } catch {
    return { title: "", text: "" };
  }
}

/**
 * Resolves true once the community agreements (and a scheduled circle's own) are accepted on
 * this device: at once when they already were, else after the person reads and accepts them.
 * False when they decline.
 */
export async function ensureAgreementsAccepted(options: { circleId: string; sessionId?: string }): Promise<boolean> {
  if (preacceptedForTests()) return true;
  const circle = await circleAgreements(options.sessionId);
  if (isAccepted(options.circleId, circle.text)) return true;
  const accepted = await new Promise<boolean>((resolve) => {
    agreementsPrompt.getState().request?.resolve(false);
    agreementsPrompt.setState({ request: { circleTitle: circle.title, circleText: circle.text, resolve } });
  });
  agreementsPrompt.setState({ request: null });
  if (accepted) remember(options.circleId, circle.text);
  return accepted;
}

/** For "read them again" (no acceptance needed). */
export function hasAcceptedAgreements(): boolean {
  return load()?.version === AGREEMENTS_VERSION;
}
