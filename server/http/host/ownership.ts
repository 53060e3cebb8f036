import type { Request, Response } from "express";
import type { HostCircle, SeriesView } from "../../../shared/scheduling-api.ts";
import { type Account, facilitatorsInvitedBy } from "../../accounts/accounts-store.ts";
import { type Circle, findCircle } from "../../circles/circles-store.ts";
import { endDateOf, repeatOf } from "../../scheduling/series-input.ts";
import { findSeries, type Series } from "../../scheduling/series-store.ts";
import { publicCircle } from "../../scheduling/session-view.ts";
import type { Queryable } from "../../store/db.ts";
import { requireHost } from "../auth-middleware.ts";
import { HttpError, param } from "../http-errors.ts";

export const DAY_MS = 86_400_000;

export const hostCircle = (c: Circle): HostCircle => ({
  ...publicCircle(c),
  guide: c.guide,
  ownerId: c.ownerId,
  inviteToken: c.inviteToken,
  facilitatorIds: c.facilitatorIds,
  createdAt: c.createdAt,
  updatedAt: c.updatedAt,
});

export const seriesView = (s: Series): SeriesView => ({
  id: s.id,
  circleId: s.circleId,
  repeat: repeatOf(s),
  rrule: s.rrule,
  timeZone: s.timeZone,
  startDate: s.startDate,
  startTime: s.startTime,
  endDate: endDateOf(s),
  durationMinutes: s.durationMinutes,
  lobbyOpenMinutes: s.lobbyOpenMinutes,
});

/** The circle of `:id` if the signed-in host owns it: 404 when it does not exist, 403 when it is another host's. */
export async function ownCircle(db: Queryable, req: Request, res: Response): Promise<{ host: Account; circle: Circle }> {
  const host = requireHost(req, res);
  const circle = await findCircle(db, param(req, "id"));
  if (!circle) throw new HttpError(404, "There is no circle with this id.");
  if (circle.ownerId !== host.id) throw new HttpError(403, "This circle belongs to another host; only its host can see or change it.");
  return { host, circle };
}

/** The schedule of `:id` if its circle is the signed-in host's. */
export async function ownSeries(db: Queryable, req: Request, res: Response): Promise<{ host: Account; series: Series; circle: Circle }> {
  const host = requireHost(req, res);
  const series = await findSeries(db, param(req, "id"));
  const circle = series && (await findCircle(db, series.circleId));
  if (!series || !circle) throw new HttpError(404, "There is no schedule with this id.");
  if (circle.ownerId !== host.id) throw new HttpError(403, "This schedule belongs to another host's circle.");
  return { host, series, circle };
}

/** Refuses facilitator ids the host has not invited. */
export async function checkFacilitators(db: Queryable, host: Account, ids: string[] | undefined): Promise<void> {
  if (!ids?.length) return;
  const mine = new Set((await facilitatorsInvitedBy(db, host.id)).map((a) => a.id));
  const unknown = ids.filter((id) => !mine.has(id));
  if (unknown.length) throw new HttpError(400, "Please check the highlighted fields.", { facilitatorIds: "Choose facilitators you have invited." });
}
