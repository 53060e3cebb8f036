import type { PushPreferences, PushPublicKeyResponse, PushSubscriptionResponse } from "../../shared/push.ts";
import { api, ApiError } from "./api.ts";
import { participantKey } from "./participant-key.ts";

/**
 * Browser notifications through Web Push: the service worker (/sw.js), the push subscription
 * and its registration with Hearth under this browser's participant key. Plain functions; the
 * React panel only calls them.
 */

const SUBSCRIPTION_ID = "hearth.pushSubscriptionId";

export type NotificationState =
  /** The browser has no service workers, Push API or notifications (or the page is not secure). */
  | "unsupported"
  /** This server has notifications turned off (PUSH=off). */
  | "server-off"
  | "denied"
  | "on"
  | "off";

export function pushSupported(): boolean {
  return window.isSecureContext && "serviceWorker" in navigator && "PushManager" in window && "Notification" in window;
}

function keyBytes(base64url: string): Uint8Array<ArrayBuffer> {
  const base64 = base64url.replace(/-/g, "+").replace(/_/g, "/").padEnd(Math.ceil(base64url.length / 4) * 4, "=");
  const binary = atob(base64);
  const bytes = new Uint8Array(new ArrayBuffer(binary.length));
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

export async function serviceWorker(): Promise<ServiceWorkerRegistration> {
  await navigator.serviceWorker.register("/sw.js", { scope: "/" });
  return navigator.serviceWorker.ready;
}

async function serverPublicKey(): Promise<string | null> {
  try {
    return (await api<PushPublicKeyResponse>("/api/push/vapid-public-key")).publicKey;
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) return null;
    throw error;
  }
}

/** Where notifications stand for this browser; re-sends a live subscription so the server has fresh keys. */
export async function notificationState(): Promise<NotificationState> {
  if (!pushSupported()) return "unsupported";
  if (!(await serverPublicKey())) return "server-off";
  if (Notification.permission === "denied") return "denied";
  if (Notification.permission !== "granted" || !localStorage.getItem(SUBSCRIPTION_ID)) return "off";
  const registration = await navigator.serviceWorker.getRegistration("/");
  const subscription = await registration?.pushManager.getSubscription();
  if (!subscription) return "off";
  await saveSubscription(subscription);
  return "on";
}

async function saveSubscription(subscription: PushSubscription): Promise<void> {
  const body = await api<PushSubscriptionResponse>("/api/push/subscriptions", {
    method: "POST",
    body: subscription.toJSON(),
    participantKey: participantKey(),
  });
  localStorage.setItem(SUBSCRIPTION_ID, body.subscription.id);
}

/** Asks for the permission (call from a click), subscribes with Hearth's VAPID key and registers the subscription. */
export async function enableNotifications(): Promise<NotificationState> {
  if (!pushSupported()) return "unsupported";
  const permission = await Notification.requestPermission();
  if (permission !== "granted") return permission === "denied" ? "denied" : "off";
  const publicKey = await serverPublicKey();
  if (!publicKey) return "server-off";
  const registration = await serviceWorker();
  let subscription = await registration.pushManager.getSubscription();
  if (!subscription) {
    try {
      subscription = await registration.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey: keyBytes(publicKey) });
    } catch {
      throw new Error("Your browser could not reach its push service, so notifications cannot be turned on now. Please try again later.");
    }
  }
  await saveSubscription(subscription);
  return "on";
}

/** Stops notifications on this browser: the subscription ends here and is deleted at the server. */
export async function disableNotifications(): Promise<NotificationState> {
  const registration = await navigator.serviceWorker.getRegistration("/");
  const subscription = await registration?.pushManager.getSubscription();
  await subscription?.unsubscribe().catch(() => false);
  const id = localStorage.getItem(SUBSCRIPTION_ID);
  localStorage.removeItem(SUBSCRIPTION_ID);
  if (id) {
    await api(`/api/push/subscriptions/${encodeURIComponent(id)}`, { method: "DELETE", participantKey: participantKey() }).catch((error: unknown) => {
      if (!(error instanceof ApiError && error.status === 404)) throw error;
    });
  }
  return "off";
}

/** After "forget me": the server already deleted the subscription; end it in the browser too. */
export async function forgetNotifications(): Promise<void> {
  localStorage.removeItem(SUBSCRIPTION_ID);
  if (!pushSupported()) return;
  const registration = await navigator.serviceWorker.getRegistration("/");
  await (await registration?.pushManager.getSubscription())?.unsubscribe().catch(() => false);
}

export const reminderPreferences = (): Promise<PushPreferences> => api<PushPreferences>("/api/push/preferences", { participantKey: participantKey() });

export const saveReminderPreferences = (reminderMinutes: number[]): Promise<PushPreferences> =>
  api<PushPreferences>("/api/push/preferences", { method: "PUT", body: { reminderMinutes }, participantKey: participantKey() });
