import { z } from "zod";

// The page's Content-Security-Policy forbids eval. zod probes for it with `new Function("")` before
// its first parse (a reported violation even though caught): tell it not to try.
z.config({ jitless: true });
