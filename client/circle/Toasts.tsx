import { useEffect } from "react";
import { connection } from "../net/connection.ts";
import { useConnection } from "../net/useConnection.ts";

const SHOW_MS = 8000;

/** Kind notices of anything that touched you, and refusals of your requests; both fade after a while. */
export function Toasts() {
  const notice = useConnection((s) => s.notice);
  const refusal = useConnection((s) => s.lastRefusal);

  useEffect(() => {
    if (!notice) return;
    const t = setTimeout(() => connection.setState({ notice: null }), SHOW_MS);
    return () => clearTimeout(t);
  }, [notice]);
  useEffect(() => {
    if (!refusal) return;
    const t = setTimeout(() => connection.setState({ lastRefusal: null }), SHOW_MS);
    return () => clearTimeout(t);
  }, [refusal]);

  return (
    <div className="toasts">
      {notice && <div className="toast notice" role="status" data-kind={notice.kind}>{notice.message}</div>}
      {refusal && <div className="toast" role="alert">{refusal.message}</div>}
    </div>
  );
}
