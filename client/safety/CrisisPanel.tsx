import { useEffect, useRef } from "react";
import { useTranslation } from "react-i18next";
import { useStore } from "zustand";
import { SUPPORT_OFFER_TEXT } from "../../shared/crisis-support.ts";
import { type CrisisCountry, crisisWords, linesFor } from "../../shared/safety.ts";
import { currentLanguage, intlLocale } from "../i18n/index.ts";
import { useConnection } from "../net/useConnection.ts";
import { xrPresence } from "../xr/presence.ts";
import { crisisResources, likelyCountry, loadCrisisResources, orderedCountries } from "./crisis.ts";
import { ReferralList } from "./ReferralList.tsx";
import { loadReferrals, referrals } from "./referrals.ts";
import { safety, setCrisisOpen } from "./session.ts";
import { clearOffer, requestSupport, support } from "./support.ts";

/** "English, Spanish" in the viewer's language, for a line's languages. */
function languageNames(codes: string[] | undefined): string {
  if (!codes?.length) return "";
  const names = new Intl.DisplayNames([intlLocale()], { type: "language" });
  return new Intl.ListFormat(intlLocale(), { type: "conjunction" }).format(codes.map((c) => names.of(c) ?? c));
}

function CountryLines({ c }: { c: CrisisCountry }) {
  const { t } = useTranslation();
  return (
    <section aria-label={c.name}>
      <h3>{c.name}</h3>
      <ul>
        {linesFor(c, currentLanguage()).map((line) => (
          <li key={line.name}>
            <strong>{line.name}</strong>
            {line.languages?.length ? <span className="muted"> · {t("circleGuide.crisisLines.speaks", { languages: languageNames(line.languages) })}</span> : null}
            {line.contact && <> · <a href={`tel:${line.contact.replace(/[^\d+]/g, "")}`}>{line.contact}</a></>}
            {line.hours && <span className="muted"> · {line.hours}</span>}
            {line.url && <> · <a href={line.url} target="_blank" rel="noreferrer noopener">{new URL(line.url).host}</a></>}
          </li>
        ))}
      </ul>
    </section>
  );
}

/** "Talk to a facilitator privately", inside a circle: the request reaches only its facilitators. */
function AskFacilitator() {
  const { t } = useTranslation();
  const inCircle = useConnection((s) => s.status === "in-circle");
  const offer = useStore(support, (s) => s.offer);
  const requested = useStore(support, (s) => s.requested);
  if (!inCircle) return null;
  return requested ? (
    <p role="status" className="support-requested">{t("crisis.requested")}</p>
  ) : (
    <button type="button" className="primary" onClick={() => requestSupport(offer ? "chat-check" : "crisis-panel", offer?.category)}>
      {t("crisis.askFacilitator")}
    </button>
  );
}

/**
 * "Crisis support": gentle words when the writer's message showed crisis language, the plain
 * emergency advice, the helplines for the viewer's country (others folded), the circle host's
 * referral directory, and a private way to ask a facilitator to reach out.
 */
export function CrisisPanel() {
  // In VR the same resources float in the scene instead (XRCrisisPanel): a headset shows no DOM.
  const requested = useStore(safety, (s) => s.crisisOpen);
  const inVR = useStore(xrPresence, (s) => s.active);
  const open = requested && !inVR;
  const { t } = useTranslation();
  const resources = useStore(crisisResources, (s) => s.resources);
  const offer = useStore(support, (s) => s.offer);
  const circleId = useStore(referrals, (s) => s.lastCircleId);
  const directory = useStore(referrals, (s) => (s.circleId === circleId ? s.directory : null));
  const dialog = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    if (open) void loadCrisisResources();
    if (open) void loadReferrals(circleId);
    if (open && !dialog.current?.open) dialog.current?.showModal();
    if (!open && dialog.current?.open) dialog.current.close();
  }, [open, circleId]);
  if (!open) return null;
  const country = likelyCountry();
  const countries = orderedCountries(resources, country);
  const words = crisisWords(resources, currentLanguage());
  const first = countries.filter((c) => c.country === country || c.country === "*");
  const others = countries.filter((c) => c.country !== country && c.country !== "*");
  const close = () => {
    setCrisisOpen(false);
    clearOffer();
  };
  return (
    <dialog ref={dialog} className="safety-dialog crisis" aria-labelledby="crisis-title" onClose={close}>
      <h2 id="crisis-title">{t("crisis.title")}</h2>
      {offer && (
        <div className="support-offer" role="note">
          <p><strong>{t(`crisis.offer_${offer.category}`, { defaultValue: SUPPORT_OFFER_TEXT[offer.category] })}</strong></p>
          <p className="muted">{t("crisis.onlyYou")}{offer.source === "check" && t("crisis.notSent")}</p>
        </div>
      )}
      <p>{words.intro}</p>
      <p className="emergency"><strong>{words.emergency}</strong></p>
      <AskFacilitator />
      {first.map((c) => <CountryLines key={c.country + c.name} c={c} />)}
      {directory && directory.entries.length > 0 && (
        <section aria-label={t("crisis.hostRecommends")}>
          <h3>{t("crisis.hostRecommends")}</h3>
          <ReferralList entries={directory.entries} />
        </section>
      )}
      {others.length > 0 && (
        <details open={first.length === 0}>
          <summary>{t("crisis.otherCountries")}</summary>
          {others.map((c) => <CountryLines key={c.country + c.name} c={c} />)}
        </details>
      )}
      <p className="muted small">{t("crisis.sourceNote")}</p>
      <div className="dialog-actions">
        <button type="button" onClick={close}>{t("crisis.close")}</button>
      </div>
    </dialog>
  );
}

/** An always-visible way to the crisis resources. */
export function CrisisButton({ className = "crisis-button" }: { className?: string }) {
  const { t } = useTranslation();
  return (
    <button type="button" className={className} onClick={() => setCrisisOpen(true)}>
      {t("crisis.title")}
    </button>
  );
}

/** The same, as a link-styled button inside text. */
export function CrisisLink() {
  const { t } = useTranslation();
  return (
    <button type="button" className="link" onClick={() => setCrisisOpen(true)}>
      {t("crisis.title")}
    </button>
  );
}
