/* Hearth's service worker: shows reminders and notices sent by Web Push, opens the session on click.
 * Served as /sw.js (assets/ is Vite's public folder). No caching of pages: it only handles push.
 * A payload is { v, id, kind, title, body, url, start? } (shared/push.ts). A notice the server had
 * to send again after a crash has the same id: it replaces the first quietly instead of doubling. */

const SEEN_CACHE = "hearth-notices-seen";
const SEEN_KEEP = 200;

self.addEventListener("install", () => self.skipWaiting());
self.addEventListener("activate", (event) => event.waitUntil(self.clients.claim()));

/** Only a same-origin path: a payload cannot send the person elsewhere. */
function safePath(url) {
  if (typeof url !== "string" || !url.startsWith("/") || url.startsWith("//")) return "/me";
  return url;
}

async function alreadyShown(tag) {
  const cache = await caches.open(SEEN_CACHE);
  const key = new Request(`/__hearth-seen/${encodeURIComponent(tag)}`);
  if (await cache.match(key)) return true;
  await cache.put(key, new Response("1"));
  const keys = await cache.keys();
  for (const old of keys.slice(0, Math.max(0, keys.length - SEEN_KEEP))) await cache.delete(old);
  return false;
}

self.addEventListener("push", (event) => {
  let data = {};
  try {
    data = event.data ? event.data.json() : {};
  } catch {
    data = {};
  }
  const title = typeof data.title === "string" ? data.title.slice(0, 80) : "Hearth";
  const body = typeof data.body === "string" ? data.body.slice(0, 300) : "You have a notice from Hearth.";
  const tag = typeof data.id === "string" ? `hearth-notice-${data.id}` : undefined;
  event.waitUntil(
    (async () => {
      const repeat = tag ? await alreadyShown(tag) : false;
      await self.registration.showNotification(title, {
        body,
        tag,
        // A repeat (same id) replaces the one shown, without sound or vibration.
        silent: repeat,
        renotify: false,
        icon: "/favicon.svg",
        data: { url: safePath(data.url) },
      });
    })(),
  );
});

self.addEventListener("notificationclick", (event) => {
  event.notification.close();
  const path = safePath(event.notification.data && event.notification.data.url);
  event.waitUntil(
    (async () => {
      const target = new URL(path, self.location.origin).href;
      const windows = await self.clients.matchAll({ type: "window", includeUncontrolled: true });
      for (const client of windows) {
        if (client.url === target && "focus" in client) return client.focus();
      }
      for (const client of windows) {
        if ("navigate" in client && new URL(client.url).origin === self.location.origin) {
          // navigate() works only on a page this worker controls; otherwise open a new one.
          const moved = await client.navigate(target).catch(() => null);
          if (moved) return moved.focus();
        }
      }
      return self.clients.openWindow(target);
    })(),
  );
});
