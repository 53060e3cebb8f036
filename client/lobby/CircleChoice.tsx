import { useTranslation } from "react-i18next";

export interface CircleSummary {
  id: string;
  title: string;
  description: string;
  capacity: number;
  seated: number;
}

/** Today's circles, one to choose. */
export function CircleChoice({
  circles,
  loadError,
  selected,
  onSelect,
}: {
  circles: CircleSummary[] | null;
  loadError: string | null;
  selected: string | null;
  onSelect: (id: string) => void;
}) {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="circles-heading">
      <h2 id="circles-heading">{t("lobby.todaysCircles")}</h2>
      {loadError && <p role="alert" className="error">{loadError}</p>}
      {!circles && !loadError && <p>{t("common.loading")}</p>}
      <ul className="circle-list">
        {circles?.map((c) => (
          <li key={c.id}>
            <label className={selected === c.id ? "circle-card selected" : "circle-card"}>
              <input type="radio" name="circle" value={c.id} checked={selected === c.id} onChange={() => onSelect(c.id)} />
              <strong>{c.title}</strong>
              <span className="muted">{t("lobby.seatsTaken", { seated: c.seated, count: c.capacity })}</span>
              <span>{c.description}</span>
            </label>
          </li>
        ))}
      </ul>
    </section>
  );
}
