import type { Plugin } from "vite";

/**
 * Calls in shared/ that build schemas (and the pure helpers their messages use: a list joined
 * for an error text). The client never parses with zod (the server is the
 * authority), yet the shared/ modules it imports for their constants and types build their
 * schemas as they load, which would keep zod and every schema in the bundle.
 */
const SCHEMA_CALL = /(^|[^\w$.])((?:z\.[A-Za-z]+|freeText|plainToken|text|base64url|Object\.(?:keys|values|entries)|[A-Z][A-Z0-9_]*\.join)\()/g;

/**
 * zod in the client build: each schema-building call in shared/ is marked pure
 * (`/*#__PURE__*\/`), so the bundler drops the schemas nothing uses (a pure mark only lets an
 * unused result go: a schema the client did use would stay, whole). client/zod-jitless.ts sets
 * zod's jitless switch for the chunks that still build schemas. Tests and the server are unchanged.
 */
export function clientZod(): Plugin {
  return {
    name: "hearth-pure-schemas",
    apply: "build",
    enforce: "post",
    transform(code, id) {
      if (!/[\\/]shared[\\/][^?]*\.ts$/.test(id) || !code.includes("zod")) return null;
      // Line by line, leaving comments alone (a mark inside a block comment would end it).
      const marked = code
        .split("\n")
        .map((line) => (/^\s*(\*|\/\/|\/\*)/.test(line) ? line : line.replace(SCHEMA_CALL, "$1/*#__PURE__*/ $2")))
        .join("\n");
      return { code: marked, map: null };
    },
  };
}
