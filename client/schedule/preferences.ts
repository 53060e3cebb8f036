import { AVATAR_COLORS, type AvatarColor } from "../../shared/avatar.ts";

/** The avatar colour chosen in the lobby (same storage as the lobby's preferences). */
export function preferredColor(): AvatarColor {
  try {
    const saved = JSON.parse(localStorage.getItem("hearth.preferences") ?? "{}") as { color?: string };
    return AVATAR_COLORS.find((c) => c === saved.color) ?? AVATAR_COLORS[0];
  } catch {
    return AVATAR_COLORS[0];
  }
}

export function preferredPseudonym(): string {
  try {
    const saved = JSON.parse(localStorage.getItem("hearth.preferences") ?? "{}") as { pseudonym?: string };
    return saved.pseudonym ?? "";
  } catch {
    return "";
  }
}
