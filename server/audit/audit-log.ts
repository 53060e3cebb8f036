import type { Queryable } from "../store/db.ts";

export type ActorKind = "host" | "facilitator" | "participant" | "system";

/** One row of the audit log: who did what to which id. Never what anyone said or wrote. */
export interface AuditEntry {
  actorId: string | null;
  actorKind: ActorKind;
  action: string;
  target?: string | null;
  circleId?: string | null;
  occurrenceId?: string | null;
}

export interface AuditRow {
  id: number;
  at: string;
  actorId: string | null;
  actorName: string | null;
  actorKind: ActorKind;
  action: string;
  target: string | null;
  circleId: string | null;
  sessionId: string | null;
}

export async function recordAudit(db: Queryable, at: Date, entry: AuditEntry): Promise<void> {
  await db.query(
    `INSERT INTO audit_log (at, actor_id, actor_kind, action, target, circle_id, occurrence_id)
     VALUES ($1, $2, $3, $4, $5, $6, $7)`,
    [at, entry.actorId, entry.actorKind, entry.action, entry.target ?? null, entry.circleId ?? null, entry.occurrenceId ?? null],
  );
}

/** The newest entries for circles owned by `ownerId` (and the owner's own account actions). */
export async function auditForOwner(db: Queryable, ownerId: string, circleId?: string, limit = 200): Promise<AuditRow[]> {
  const rows = await db.query<{
    id: number | string;
    at: Date;
    actor_id: string | null;
    actor_name: string | null;
    actor_kind: ActorKind;
    action: string;
    target: string | null;
    circle_id: string | null;
    occurrence_id: string | null;
  }>(
    `SELECT l.id, l.at, l.actor_id, a.display_name AS actor_name, l.actor_kind, l.action, l.target, l.circle_id, l.occurrence_id
       FROM audit_log l
       LEFT JOIN accounts a ON a.id = l.actor_id
      WHERE (l.circle_id IN (SELECT id FROM circles WHERE owner_id = $1) OR (l.circle_id IS NULL AND l.actor_id = $1))
        AND ($2::text IS NULL OR l.circle_id = $2)
      ORDER BY l.at DESC, l.id DESC
      LIMIT $3`,
    [ownerId, circleId ?? null, limit],
  );
  return rows.map((r) => ({
    id: Number(r.id),
    at: r.at.toISOString(),
    actorId: r.actor_id,
    actorName: r.actor_name,
    actorKind: r.actor_kind,
    action: r.action,
    target: r.target,
    circleId: r.circle_id,
    sessionId: r.occurrence_id,
  }));
}
