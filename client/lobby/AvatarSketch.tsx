import type { ReactElement } from "react";
import type { AvatarColor, AvatarStyle } from "../../shared/avatar.ts";

/** The head and body of each style, drawn flat: the lobby shows this until someone asks for 3D. */
const SHAPES: Record<AvatarStyle, { body: string; head: ReactElement }> = {
  pebble: { body: "M30 118 Q30 66 60 66 Q90 66 90 118 Z", head: <circle cx="60" cy="44" r="20" /> },
  pine: { body: "M60 58 L84 118 L36 118 Z", head: <ellipse cx="60" cy="38" rx="15" ry="19" /> },
  lantern: { body: "M36 118 L40 70 Q60 58 80 70 L84 118 Z", head: <rect x="42" y="24" width="36" height="34" rx="7" /> },
};

/** A small flat drawing of the chosen avatar in its colour; no three.js, so the lobby stays light. */
export function AvatarSketch({ style, color }: { style: AvatarStyle; color: AvatarColor }) {
  const shape = SHAPES[style];
  return (
    <svg className="avatar-preview avatar-sketch" viewBox="0 0 120 130" role="img" aria-hidden="true">
      <ellipse cx="60" cy="121" rx="40" ry="6" fill="#2b2f4a" />
      <g fill={color}>
        <path d={shape.body} />
        {shape.head}
      </g>
    </svg>
  );
}
