import { type ComponentType, lazy, type ReactNode } from "react";
import { ErrorBoundary, type FallbackProps } from "react-error-boundary";
import { useTranslation } from "react-i18next";
import { leaveCircle } from "./net/connection.ts";
import { useConnection } from "./net/useConnection.ts";

/** How long a chunk keeps being asked for: about as long as a restarting server takes to come back. */
const CHUNK_RETRY_MS = 90_000;

/**
 * Loads a code-split chunk, asking again with back-off while it fails (the server restarting,
 * a network blip), so a part of the page that is still loading never fails the whole page.
 */
export async function loadChunk<T>(load: () => Promise<T>, budgetMs = CHUNK_RETRY_MS): Promise<T> {
  const giveUp = Date.now() + budgetMs;
  let delay = 500;
  for (;;) {
    try {
      return await load();
    } catch (error) {
      if (Date.now() + delay > giveUp) throw error;
      await new Promise((resolve) => setTimeout(resolve, delay));
      delay = Math.min(delay * 2, 8000);
    }
  }
}

/** React.lazy with loadChunk's retries. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- as React.lazy's own signature
export function lazyChunk<T extends ComponentType<any>>(load: () => Promise<{ default: T }>) {
  return lazy(() => loadChunk(load));
}

function ChunkFailed({ resetErrorBoundary }: FallbackProps) {
  const { t } = useTranslation();
  const status = useConnection((s) => s.status);
  return (
    <div className="chunk-failed" role="alert">
      <p>{t("common.partFailed")}</p>
      <button type="button" onClick={resetErrorBoundary}>{t("common.tryAgain")}</button>
      {/* Leaving stays one action, whatever failed. */}
      {(status === "in-circle" || status === "reconnecting") && (
        <button type="button" onClick={leaveCircle}>{t("circle.leave")}</button>
      )}
    </div>
  );
}

/**
 * Keeps a failure to one part of the page: it says so and offers to try again, while everything
 * outside (the way out, the crisis resources) keeps working.
 */
export function PartBoundary({ children, resetKeys }: { children: ReactNode; resetKeys?: unknown[] }) {
  return (
    <ErrorBoundary FallbackComponent={ChunkFailed} resetKeys={resetKeys}>
      {children}
    </ErrorBoundary>
  );
}
