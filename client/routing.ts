import { createElement, type MouseEvent, type ReactNode, useSyncExternalStore } from "react";

/** Routing on `location.pathname`: pushState navigation and a hook that follows it. */
const listeners = new Set<() => void>();
const notify = () => listeners.forEach((l) => l());
if (typeof window !== "undefined") window.addEventListener("popstate", notify);

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

const snapshot = () => `${location.pathname}${location.search}`;

/** The current path and query, re-rendering on navigation. */
export function useLocation(): { pathname: string; search: URLSearchParams } {
  const current = useSyncExternalStore(subscribe, snapshot, () => "/");
  const url = new URL(current, "http://x");
  return { pathname: url.pathname, search: url.searchParams };
}

export function navigate(to: string, { replace = false } = {}): void {
  if (replace) history.replaceState(null, "", to);
  else history.pushState(null, "", to);
  window.scrollTo?.(0, 0);
  notify();
}

/** An <a> that navigates without reloading the page (modified clicks behave as usual). */
export function Link({ to, children, className }: { to: string; children: ReactNode; className?: string }) {
  const onClick = (event: MouseEvent<HTMLAnchorElement>) => {
    if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    navigate(to);
  };
  return createElement("a", { href: to, onClick, className }, children);
}

/** Matches "/sessions/:id" style patterns; returns the parameters or null. */
export function matchPath(pattern: string, pathname: string): Record<string, string> | null {
  const names: string[] = [];
  const regex = new RegExp(
    `^${pattern.replace(/\/:([a-zA-Z]+)/g, (_m, name: string) => {
      names.push(name);
      return "/([^/]+)";
    })}/?$`,
  );
  const m = regex.exec(pathname);
  if (!m) return null;
  return Object.fromEntries(names.map((n, i) => [n, decodeURIComponent(m[i + 1]!)]));
}
