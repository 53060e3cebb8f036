import { Suspense, useState } from "react";
import { useTranslation } from "react-i18next";
import { AvatarSketch } from "./AvatarSketch.tsx";
import { AVATAR_COLORS, AVATAR_STYLES, type AvatarColor, type AvatarStyle } from "../../shared/avatar.ts";
import { lazyChunk } from "../lazy-chunk.tsx";

// three and the scene load only when someone asks for the 3D preview: the lobby stays light on a phone.
const AvatarPreview = lazyChunk(() => import("./AvatarPreview.tsx"));

const STYLE_LABELS: Record<AvatarStyle, string> = {
  pebble: "avatar.pebble",
  pine: "avatar.pine",
  lantern: "avatar.lantern",
};

/** Colour and body style for your avatar, with a flat sketch and, on request, a live 3D preview. */
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
  const [in3d, setIn3d] = useState(false);
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
        {in3d ? (
          <Suspense fallback={<div className="avatar-preview placeholder">{t("avatar.loadingPreview")}</div>}>
            <AvatarPreview style={style} color={color} />
          </Suspense>
        ) : (
          <AvatarSketch style={style} color={color} />
        )}
        <button type="button" className="preview-toggle" aria-pressed={in3d} onClick={() => setIn3d(!in3d)}>
          {t("avatar.show3d")}
        </button>
      </figure>
    </div>
  );
}
