import { useCallback, useEffect, useRef, useState } from "react";
import { errorText } from "./api.ts";

export interface Resource<T> {
  data: T | undefined;
  error: string | null;
  /** Date.now() when the data arrived (for server-clock countdowns). */
  receivedAt: number;
  reload: () => void;
}

/** Loads `load()` whenever `key` changes (or `reload` is called); null `key` waits. */
export function useResource<T>(key: string | null, load: () => Promise<T>): Resource<T> {
  const loadRef = useRef(load);
  useEffect(() => {
    loadRef.current = load;
  });
  const [state, setState] = useState<{ data: T | undefined; error: string | null; receivedAt: number }>({ data: undefined, error: null, receivedAt: 0 });
  const [version, setVersion] = useState(0);
  useEffect(() => {
    if (key === null) return;
    let live = true;
    loadRef.current().then(
      (data) => live && setState({ data, error: null, receivedAt: Date.now() }),
      (error: unknown) => live && setState((s) => ({ ...s, error: errorText(error) })),
    );
    return () => {
      live = false;
    };
  }, [key, version]);
  const reload = useCallback(() => setVersion((v) => v + 1), []);
  return { ...state, reload };
}

/** Calls `reload` every `ms` while mounted. */
export function usePolling(reload: () => void, ms: number): void {
  useEffect(() => {
    const timer = setInterval(reload, ms);
    return () => clearInterval(timer);
  }, [reload, ms]);
}
