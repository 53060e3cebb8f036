import { useEffect, useState } from "react";

/**
 * The server's "now", ticking every second: the last response's `serverNow` plus the time since
 * it arrived, so a countdown follows the server (and its test clock), not this device's clock.
 */
export function useServerClock(serverNow: string | undefined, receivedAt: number): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);
  if (!serverNow) return now;
  return new Date(serverNow).getTime() + Math.max(0, now - receivedAt);
}
