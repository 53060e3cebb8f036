// The page's Content-Security-Policy forbids eval. zod probes for it with `new Function("")` as soon
// as an object schema is built (a reported violation even though caught): tell it not to try.
// zod reads its configuration from this global, so setting it needs no zod here: the pages that
// build no schema never load zod at all. main.tsx imports this first, before anything else runs.
const holder = globalThis as { __zod_globalConfig?: { jitless?: boolean } };
holder.__zod_globalConfig = Object.assign(holder.__zod_globalConfig ?? {}, { jitless: true });

export {};
