import { type FormEvent, type RefObject, useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { useStore } from "zustand";
import { isPrivateTalk } from "../../shared/facilitation.ts";
import { CHAT_TEXT_MAX, type ChatMessage } from "../../shared/chat.ts";
import {
  describePersonalDetails,
  findPersonalDetails,
  PERSONAL_DETAIL_QUESTION,
  type PersonalDetailMatch,
} from "../../shared/personal-details.ts";
import { useConnection, useSelf } from "../net/useConnection.ts";
import { safety } from "../safety/session.ts";
import { useEscapeToClose } from "../circle/use-escape.ts";
import { chat, deleteChatMessage, pauseChat, sendChat, setChatOpen } from "./chat-session.ts";
import { isFacilitator } from "../../shared/circle-state.ts";
import { CrisisCheckNote, useChatCoolDown, useCrisisCheck } from "./crisis-check.tsx";

const closeChat = () => setChatOpen(false);
const time = (at: number) => new Date(at).toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" });

/** The circle's text chat: for people who cannot or prefer not to speak. Nothing is kept. */
export function ChatPanel() {
  const open = useStore(chat, (s) => s.open);
  const messages = useStore(chat, (s) => s.messages);
  const mutedForMe = useStore(safety, (s) => s.mutedForMe);
  const selfId = useConnection((s) => s.selfId);
  const facilitator = useSelf(isFacilitator);
  const { t } = useTranslation();
  // In a private conversation the chat is the two's own; the circle's pause does not reach it.
  const inTalk = useSelf((me) => isPrivateTalk(me?.space ?? ""));
  const paused = useStore(chat, (s) => s.paused) && !inTalk;
  const [draft, setDraft] = useState("");
  const [asking, setAsking] = useState<PersonalDetailMatch[] | null>(null);
  const crisisCheck = useCrisisCheck();
  const coolDown = useChatCoolDown(selfId);
  const blocked = (paused && !facilitator) || coolDown > 0;
  const list = useRef<HTMLOListElement>(null);

  useEffect(() => {
    list.current?.lastElementChild?.scrollIntoView?.({ block: "end" });
  }, [messages.length, open]);

  useEscapeToClose(open, closeChat);
  if (!open) return null;
  const shown = messages.filter((m) => !mutedForMe.includes(m.from));

  function submit(event: FormEvent) {
    event.preventDefault();
    const text = draft.trim();
    if (!text) return;
    const details = findPersonalDetails(text);
    if (details.length > 0 && !asking) {
      setAsking(details);
      return;
    }
    setAsking(null);
    if (!crisisCheck.mayGo(text)) return;
    sendChat(text);
    setDraft("");
    crisisCheck.reset();
  }

  return (
    <aside className="chat-panel" aria-label={t("chat.title")}>
      <header>
        <strong>{inTalk ? t("privateTalk.title") : t("chat.title")}</strong>
        <span className="muted">{t("chat.notSaved")}</span>
        {facilitator && !inTalk && (
          <button type="button" onClick={() => pauseChat(!paused)}>{paused ? t("chat.resume") : t("chat.pause")}</button>
        )}
        <button type="button" className="icon" aria-label={t("chat.close")} onClick={() => setChatOpen(false)}>×</button>
      </header>
      {paused && <p className="chat-paused" role="status">{t("chat.paused")}</p>}
      {coolDown > 0 && <p className="chat-paused" role="status">{t("chat.coolDown", { seconds: coolDown })}</p>}
      <ChatMessages list={list} shown={shown} selfId={selfId} facilitator={facilitator} />
      <form onSubmit={submit}>
        {asking && <PersonalDetailCheck details={asking} onEdit={() => setAsking(null)} />}
        {crisisCheck.held !== null && crisisCheck.held === draft.trim() && !asking && <CrisisCheckNote onEdit={crisisCheck.reset} />}
        <div className="row">
          <input
            aria-label={t("chat.message")}
            value={draft}
            maxLength={CHAT_TEXT_MAX}
            disabled={blocked}
            placeholder={blocked ? t("chat.placeholderPaused") : inTalk ? t("chat.placeholderPrivate") : t("chat.placeholder")}
            onChange={(e) => {
              setDraft(e.target.value);
              setAsking(null);
              crisisCheck.reset();
            }}
          />
          <button type="submit" disabled={!draft.trim() || blocked}>{t("chat.send")}</button>
        </div>
      </form>
    </aside>
  );
}

function ChatMessages({
  list,
  shown,
  selfId,
  facilitator,
}: {
  list: RefObject<HTMLOListElement | null>;
  shown: ChatMessage[];
  selfId: string | null;
  facilitator: boolean;
}) {
  const { t } = useTranslation();
  return (
    <ol ref={list} className="chat-messages">
      {shown.map((m) => (
        <li key={m.id} data-chat-id={m.id} className={m.from === selfId ? "mine" : undefined}>
          <span className="chat-meta">
            <strong>{m.pseudonym}</strong>
            {m.facilitator && <span className="badge">{t("chat.facilitatorBadge")}</span>} <span className="muted">{time(m.at)}</span>
          </span>
          <span className="chat-text">{m.text}</span>
          {facilitator && (
            <button type="button" className="icon" aria-label={t("chat.deleteFrom", { name: m.pseudonym })} onClick={() => deleteChatMessage(m.id)}>
              🗑
            </button>
          )}
        </li>
      ))}
    </ol>
  );
}

/** Asks before a message with what looks like a personal detail is shared with the circle. */
function PersonalDetailCheck({ details, onEdit }: { details: PersonalDetailMatch[]; onEdit: () => void }) {
  const { t } = useTranslation();
  return (
    <div className="personal-detail-check" role="alertdialog" aria-labelledby="personal-detail-question">
      <p id="personal-detail-question"><strong>{PERSONAL_DETAIL_QUESTION}</strong></p>
      <p className="muted">It looks like {describePersonalDetails(details)}: {details.map((d) => `“${d.text}”`).join(", ")}. Everyone in the circle will see it.</p>
      <div className="dialog-actions">
        <button type="button" onClick={onEdit}>{t("chat.editMessage")}</button>
        <button type="submit" className="primary">{t("chat.shareIt")}</button>
      </div>
    </div>
  );
}
