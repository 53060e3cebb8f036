import { useTranslation } from "react-i18next";
import { orderReferrals, REFERRAL_KIND_LABELS, type ReferralEntry } from "../../shared/referrals.ts";
import { likelyCountry } from "./crisis.ts";

const tel = (phone: string) => `tel:${phone.replace(/[^\d+]/g, "")}`;

/** A host's recommended services, the viewer's country and language first. Links carry no referrer. */
export function ReferralList({ entries }: { entries: ReferralEntry[] }) {
  const { t } = useTranslation();
  if (entries.length === 0) return null;
  const language = (navigator.language ?? "").split("-")[0]?.toLowerCase() ?? "";
  return (
    <ul className="referral-list">
      {orderReferrals(entries, likelyCountry(), language).map((e, i) => (
        <li key={`${e.name}-${i}`} data-referral-country={e.country}>
          <strong>{e.name}</strong> <span className="badge">{t(`safetyDialogs.referralKind_${e.kind}`, { defaultValue: REFERRAL_KIND_LABELS[e.kind] })}</span>
          {e.country !== "*" && <span className="muted"> · {e.country}</span>}
          {e.languages.length > 0 && <span className="muted"> · {e.languages.join(", ")}</span>}
          {e.description && <div>{e.description}</div>}
          <div>
            {e.phone && <a href={tel(e.phone)}>{e.phone}</a>}
            {e.phone && e.url && " · "}
            {e.url && <a href={e.url} target="_blank" rel="noreferrer noopener">{new URL(e.url).host}</a>}
            {e.hours && <span className="muted"> · {e.hours}</span>}
          </div>
        </li>
      ))}
    </ul>
  );
}
