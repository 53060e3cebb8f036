import { useEffect } from "react";
import { useTranslation } from "react-i18next";
import { noticeText } from "../i18n/notices.ts";
import { connection } from "../net/connection.ts";
import { useConnection } from "../net/useConnection.ts";

const SHOW_MS = 8000;

/** Kind notices of anything that touched you, and refusals of your requests; both fade after a while. */
export function Toasts() {
  const { t } = useTranslation();
  const notice = useConnection((s) => s.notice);
  const refusal = useConnection((s) => s.lastRefusal);

  useEffect(() => {
    if (!notice) return;
    // Clears only this notice: a newer one that arrived meanwhile keeps its own full time.
    const t = setTimeout(() => connection.setState((s) => (s.notice === notice ? { notice: null } : {})), SHOW_MS);
    return () => clearTimeout(t);
  }, [notice]);
  useEffect(() => {
    if (!refusal) return;
    const t = setTimeout(() => connection.setState((s) => (s.lastRefusal === refusal ? { lastRefusal: null } : {})), SHOW_MS);
    return () => clearTimeout(t);
  }, [refusal]);

  return (
    <div className="toasts">
      {notice && <div className="toast notice" role="status" data-kind={notice.kind}>{noticeText(notice, t)}</div>}
      {refusal && <div className="toast" role="alert">{refusal.message}</div>}
    </div>
  );
}
