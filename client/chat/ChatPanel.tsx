import { type FormEvent, type RefObject, useEffect, useRef, useState } from "react";
import { useStore } from "zustand";
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
  const paused = useStore(chat, (s) => s.paused);
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
    <aside className="chat-panel" aria-label="Chat">
      <header>
        <strong>Chat</strong>
        <span className="muted">Not saved anywhere</span>
        {facilitator && (
          <button type="button" onClick={() => pauseChat(!paused)}>{paused ? "Resume chat" : "Pause chat"}</button>
        )}
        <button type="button" className="icon" aria-label="Close chat" onClick={() => setChatOpen(false)}>×</button>
      </header>
      {paused && <p className="chat-paused" role="status">The facilitator has paused the chat for now.</p>}
      {coolDown > 0 && <p className="chat-paused" role="status">Your chat is paused for {coolDown} s after several messages the filter caught. Take a breath.</p>}
      <ChatMessages list={list} shown={shown} selfId={selfId} facilitator={facilitator} />
      <form onSubmit={submit}>
        {asking && <PersonalDetailCheck details={asking} onEdit={() => setAsking(null)} />}
        {crisisCheck.held !== null && crisisCheck.held === draft.trim() && !asking && <CrisisCheckNote onEdit={crisisCheck.reset} />}
        <div className="row">
          <input
            aria-label="Message"
            value={draft}
            maxLength={CHAT_TEXT_MAX}
            disabled={blocked}
            placeholder={blocked ? "Chat is paused" : "Write to the circle…"}
            onChange={(e) => {
              setDraft(e.target.value);
              setAsking(null);
              crisisCheck.reset();
            }}
          />
          <button type="submit" disabled={!draft.trim() || blocked}>Send</button>
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
  return (
    <ol ref={list} className="chat-messages">
      {shown.map((m) => (
        <li key={m.id} data-chat-id={m.id} className={m.from === selfId ? "mine" : undefined}>
          <span className="chat-meta">
            <strong>{m.pseudonym}</strong>
            {m.facilitator && <span className="badge">facilitator</span>} <span className="muted">{time(m.at)}</span>
          </span>
          <span className="chat-text">{m.text}</span>
          {facilitator && (
            <button type="button" className="icon" aria-label={`Delete message from ${m.pseudonym}`} onClick={() => deleteChatMessage(m.id)}>
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
  return (
    <div className="personal-detail-check" role="alertdialog" aria-labelledby="personal-detail-question">
      <p id="personal-detail-question"><strong>{PERSONAL_DETAIL_QUESTION}</strong></p>
      <p className="muted">It looks like {describePersonalDetails(details)}: {details.map((d) => `“${d.text}”`).join(", ")}. Everyone in the circle will see it.</p>
      <div className="dialog-actions">
        <button type="button" onClick={onEdit}>Edit message</button>
        <button type="submit" className="primary">Share it</button>
      </div>
    </div>
  );
}
