import { lazy, Suspense } from "react";
import { useTranslation } from "react-i18next";
import { AVATAR_COLORS, AVATAR_STYLES, type AvatarColor, type AvatarStyle } from "../../shared/avatar.ts";

// three and the scene load only with the preview, after the lobby is on screen.
const AvatarPreview = lazy(() => import("./AvatarPreview.tsx"));

const STYLE_LABELS: Record<AvatarStyle, string> = {
  pebble: "avatar.pebble",
  pine: "avatar.pine",
  lantern: "avatar.lantern",
};

/** Colour and body style for your avatar, with a live 3D preview. */
export function AvatarPicker({
  color,
  style,
  onColor,
  onStyle,
}: {
  color: AvatarColor;
  style: AvatarStyle;
  onColor: (c: AvatarColor) => void;
  onStyle: (s: AvatarStyle) => void;
}) {
  const { t } = useTranslation();
  return (
    <div className="avatar-picker">
      <div className="avatar-choices">
        <fieldset className="colors">
          <legend>{t("lobby.avatarColour")}</legend>
          {AVATAR_COLORS.map((c) => (
            <label key={c} className="swatch" style={{ background: c }} title={c}>
              <input type="radio" name="color" value={c} checked={color === c} onChange={() => onColor(c)} aria-label={t("lobby.colourNamed", { colour: c })} />
            </label>
          ))}
        </fieldset>
        <fieldset className="styles">
          <legend>{t("avatar.shape")}</legend>
          {AVATAR_STYLES.map((s) => (
            <label key={s} className={style === s ? "style-choice selected" : "style-choice"}>
              <input type="radio" name="avatarStyle" value={s} checked={style === s} onChange={() => onStyle(s)} />
              {t(STYLE_LABELS[s])}
            </label>
          ))}
        </fieldset>
      </div>
      <figure className="avatar-preview-frame" aria-label={t("avatar.preview")}>
        <Suspense fallback={<div className="avatar-preview placeholder">{t("avatar.loadingPreview")}</div>}>
          <AvatarPreview style={style} color={color} />
        </Suspense>
      </figure>
    </div>
  );
}
