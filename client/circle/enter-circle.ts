import type { JoinOptions } from "../../shared/schemas.ts";
import { joinCircle } from "../net/connection.ts";
import { ensureAgreementsAccepted } from "../safety/agreements.ts";

/**
 * What every "enter" button runs: the community agreements are read and accepted before a first
 * circle (client/safety/agreements.ts), then the connection joins.
 */
export async function enterCircle(options: JoinOptions): Promise<void> {
  if (!(await ensureAgreementsAccepted({ circleId: options.circleId, sessionId: options.sessionId }))) return;
  await joinCircle(options);
}
