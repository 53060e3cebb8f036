import type { CircleGuide } from "../../shared/guides.ts";
import type { GroupTopic } from "../../shared/topics.ts";
import { one, type Queryable } from "../store/db.ts";
import { newId, newSecret } from "../store/ids.ts";

export type Visibility = "public" | "invite";

/** What a host sets on a circle. */
export interface CircleFields {
  title: string;
  description: string;
  topicTags: string[];
  /** A group the circle is for only ("for fathers"), or null for anyone. */
  forGroup: GroupTopic | null;
  language: string;
  agreements: string;
  capacity: number;
  visibility: Visibility;
  facilitatorIds: string[];
  /** The facilitator's guide (shared/guides.ts), or null for none. */
  guide: CircleGuide | null;
}

export interface Circle extends CircleFields {
  id: string;
  ownerId: string;
  /** Opens an invite-only circle's sessions; only its host sees it. */
  inviteToken: string;
  createdAt: string;
  updatedAt: string;
}

interface CircleRow {
  id: string;
  owner_id: string;
  title: string;
  description: string;
  topic_tags: string[];
  for_group: GroupTopic | null;
  guide: CircleGuide | string | null;
  language: string;
  agreements: string;
  capacity: number;
  visibility: Visibility;
  invite_token: string;
  created_at: Date;
  updated_at: Date;
  facilitator_ids: string[] | null;
}

const SELECT_CIRCLE = `
  SELECT c.*, COALESCE(ARRAY(SELECT account_id FROM circle_facilitators f WHERE f.circle_id = c.id ORDER BY account_id), '{}') AS facilitator_ids
    FROM circles c`;

const toCircle = (r: CircleRow): Circle => ({
  id: r.id,
  ownerId: r.owner_id,
  title: r.title,
  description: r.description,
  topicTags: r.topic_tags ?? [],
  forGroup: r.for_group ?? null,
  // PGlite and node-postgres both parse jsonb; a driver that gives text is handled too.
  guide: typeof r.guide === "string" ? (JSON.parse(r.guide) as CircleGuide) : (r.guide ?? null),
  language: r.language,
  agreements: r.agreements,
  capacity: r.capacity,
  visibility: r.visibility,
  inviteToken: r.invite_token,
  facilitatorIds: r.facilitator_ids ?? [],
  createdAt: r.created_at.toISOString(),
  updatedAt: r.updated_at.toISOString(),
});

export async function createCircle(db: Queryable, ownerId: string, fields: CircleFields, now: Date): Promise<Circle> {
  const id = newId();
  await db.query(
    `INSERT INTO circles (id, owner_id, title, description, topic_tags, language, agreements, capacity, visibility, invite_token, created_at, updated_at, for_group, guide)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $11, $12, $13)`,
    [
      id, ownerId, fields.title, fields.description, fields.topicTags, fields.language, fields.agreements, fields.capacity, fields.visibility, newSecret(), now,
      fields.forGroup, fields.guide ? JSON.stringify(fields.guide) : null,
    ],
  );
  await setFacilitators(db, id, fields.facilitatorIds);
  return (await findCircle(db, id))!;
}

export async function updateCircle(db: Queryable, id: string, fields: Partial<CircleFields>, now: Date): Promise<Circle | undefined> {
  const columns: Record<string, unknown> = {
    title: fields.title,
    description: fields.description,
    topic_tags: fields.topicTags,
    language: fields.language,
    agreements: fields.agreements,
    capacity: fields.capacity,
    visibility: fields.visibility,
    for_group: fields.forGroup,
    guide: fields.guide === undefined ? undefined : fields.guide === null ? null : JSON.stringify(fields.guide),
  };
  const set = Object.entries(columns).filter(([, v]) => v !== undefined);
  const params: unknown[] = [id, now, ...set.map(([, v]) => v)];
  const assignments = ["updated_at = $2", ...set.map(([k], i) => `${k} = $${i + 3}`)];
  await db.query(`UPDATE circles SET ${assignments.join(", ")} WHERE id = $1`, params);
  if (fields.facilitatorIds) await setFacilitators(db, id, fields.facilitatorIds);
  return findCircle(db, id);
}

export async function rotateInviteToken(db: Queryable, id: string, now: Date): Promise<void> {
  await db.query("UPDATE circles SET invite_token = $2, updated_at = $3 WHERE id = $1", [id, newSecret(), now]);
}

async function setFacilitators(db: Queryable, circleId: string, accountIds: string[]): Promise<void> {
  await db.query("DELETE FROM circle_facilitators WHERE circle_id = $1", [circleId]);
  for (const accountId of new Set(accountIds)) {
    await db.query("INSERT INTO circle_facilitators (circle_id, account_id) VALUES ($1, $2)", [circleId, accountId]);
  }
}

export async function findCircle(db: Queryable, id: string): Promise<Circle | undefined> {
  const row = await one<CircleRow>(db, `${SELECT_CIRCLE} WHERE c.id = $1`, [id]);
  return row && toCircle(row);
}

export async function circlesOwnedBy(db: Queryable, ownerId: string): Promise<Circle[]> {
  const rows = await db.query<CircleRow>(`${SELECT_CIRCLE} WHERE c.owner_id = $1 ORDER BY c.created_at`, [ownerId]);
  return rows.map(toCircle);
}

/** Circles `accountId` may facilitate: named as a facilitator, or owned (a host facilitates their own). */
export async function circlesFacilitatedBy(db: Queryable, accountId: string): Promise<Circle[]> {
  const rows = await db.query<CircleRow>(
    `${SELECT_CIRCLE} WHERE c.owner_id = $1 OR EXISTS (SELECT 1 FROM circle_facilitators f WHERE f.circle_id = c.id AND f.account_id = $1)
     ORDER BY c.title`,
    [accountId],
  );
  return rows.map(toCircle);
}

export async function publicCircles(db: Queryable): Promise<Circle[]> {
  const rows = await db.query<CircleRow>(`${SELECT_CIRCLE} WHERE c.visibility = 'public' ORDER BY c.title`);
  return rows.map(toCircle);
}

export async function deleteCircle(db: Queryable, id: string): Promise<void> {
  // Bans name circles without a foreign key (open circles are not rows): remove them by hand.
  await db.query("DELETE FROM bans WHERE circle_id = $1", [id]);
  await db.query("DELETE FROM checkin_counts WHERE circle_id = $1", [id]);
  await db.query("DELETE FROM circles WHERE id = $1", [id]);
}

export function mayFacilitate(circle: Circle, accountId: string): boolean {
  return circle.ownerId === accountId || circle.facilitatorIds.includes(accountId);
}
