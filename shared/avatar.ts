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
