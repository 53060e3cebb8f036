/** Avatar colours on offer; stylised, warm and distinguishable around a fire. */
export const AVATAR_COLORS = [
  "#e07a5f",
  "#f2cc8f",
  "#81b29a",
  "#6d9dc5",
  "#b388c9",
  "#e5989b",
  "#9fb36b",
  "#d4a373",
] as const;
export type AvatarColor = (typeof AVATAR_COLORS)[number];

/** Body and head shapes on offer in the lobby; every style is drawn from shared, instanced geometry. */
export const AVATAR_STYLES = ["pebble", "pine", "lantern"] as const;
export type AvatarStyle = (typeof AVATAR_STYLES)[number];
export const DEFAULT_AVATAR_STYLE: AvatarStyle = "pebble";

/** A style as the room reports it: anything unknown (an older client, a hostile one) draws as the default. */
export function avatarStyleOf(value: string | undefined): AvatarStyle {
  return AVATAR_STYLES.find((s) => s === value) ?? DEFAULT_AVATAR_STYLE;
}
