/**
 * The RTL pseudo-locale "ar-XB": every English string wrapped in right-to-left override marks, so a
 * tester reading it sees what an RTL language would do to the layout without knowing one.
 * Interpolations ({{name}}) and nested keys stay as they are.
 */
export const PSEUDO_RTL = "ar-XB";

type Tree = { [key: string]: string | Tree };

const RLO = "\u202E";
const PDF = "\u202C";

export function pseudoRtl(tree: Tree): Tree {
  const out: Tree = {};
  for (const [key, value] of Object.entries(tree)) {
    out[key] = typeof value === "string" ? `${RLO}${value}${PDF}` : pseudoRtl(value);
  }
  return out;
}
