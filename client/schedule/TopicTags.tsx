import type { TFunction } from "i18next";
import { useTranslation } from "react-i18next";
import type { PublicCircle } from "../../shared/scheduling-api.ts";
import { isCuratedTopic } from "../../shared/topics.ts";

/** A topic as people read it: a curated one by its name in the UI language, a host's own as "#tag". */
export function topicLabel(tag: string, t: TFunction): string {
  return isCuratedTopic(tag) ? t(`topics.names.${tag}`) : t("topics.freeTag", { tag });
}

/**
 * A circle's topics, and a clear badge when it is for one group only ("For fathers"). The group
 * is not repeated among the topics. Renders nothing when the circle has neither.
 */
export function TopicTags({ circle }: { circle: Pick<PublicCircle, "topicTags" | "forGroup"> }) {
  const { t } = useTranslation();
  const tags = circle.topicTags.filter((tag) => tag !== circle.forGroup);
  if (!circle.forGroup && tags.length === 0) return null;
  return (
    <span className="topic-tags">
      {circle.forGroup && <strong className="for-group">{t(`topics.forGroup.${circle.forGroup}`)}</strong>}
      {tags.map((tag) => (
        <span key={tag} className={isCuratedTopic(tag) ? "topic-tag" : "topic-tag free"}>{topicLabel(tag, t)}</span>
      ))}
    </span>
  );
}
