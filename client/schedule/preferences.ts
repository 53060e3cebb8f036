import { AVATAR_COLORS, AVATAR_STYLES, type AvatarColor, type AvatarStyle, DEFAULT_AVATAR_STYLE } from "../../shared/avatar.ts";

function saved(): { color?: string; avatarStyle?: string; pseudonym?: string } {
  try {
    return JSON.parse(localStorage.getItem("hearth.preferences") ?? "{}") as { color?: string; avatarStyle?: string; pseudonym?: string };
  } catch {
    return {};
  }
}

/** The avatar colour chosen in the lobby (same storage as the lobby's preferences); a random one if none yet. */
export function preferredColor(): AvatarColor {
  return AVATAR_COLORS.find((c) => c === saved().color) ?? AVATAR_COLORS[Math.floor(Math.random() * AVATAR_COLORS.length)]!;
}

/** The avatar shape chosen in the lobby. */
export function preferredAvatarStyle(): AvatarStyle {
  return AVATAR_STYLES.find((s) => s === saved().avatarStyle) ?? DEFAULT_AVATAR_STYLE;
}

export function preferredPseudonym(): string {
  return saved().pseudonym ?? "";
}
