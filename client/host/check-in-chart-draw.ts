/**
 * The check-in chart itself, drawn with chart.js. Imported dynamically by CheckInChart.tsx only, so
 * chart.js stays in its own chunk behind the host pages. Only the parts used are registered.
 */
import {
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  type ChartConfiguration,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Tooltip,
} from "chart.js";
import { MOOD_MAX, MOOD_MIN } from "../../shared/checkins.ts";

Chart.register(BarController, BarElement, CategoryScale, Legend, LinearScale, LineController, LineElement, PointElement, Tooltip);

/** The page's colours (client/styles.css): text, lines, and the two moments. */
const TEXT = "#fdf6ec";
const GRID = "#3a3344";
const BEFORE = "#8fb8de";
const AFTER = "#f2a65a";
const faint = (hex: string) => `${hex}40`;

export interface CheckInSeries {
  /** One label per session (its date in the viewer's locale). */
  labels: string[];
  averageBefore: (number | null)[];
  averageAfter: (number | null)[];
  answersBefore: number[];
  answersAfter: number[];
}

export interface CheckInChartTexts {
  before: string;
  after: string;
  answersBefore: string;
  answersAfter: string;
  axisMood: string;
  axisAnswers: string;
  /** A line point's tooltip: the series, its average as shown, and how many answered. */
  tooltip: (label: string, average: number, count: number) => string;
}

const reducedMotion = () => typeof matchMedia !== "undefined" && matchMedia("(prefers-reduced-motion: reduce)").matches;

type Config = ChartConfiguration<"bar" | "line", (number | null)[], string>;

/** Two lines (average mood before and after, 1–5; "before" dashed) and, behind them, bars of how many answered. */
function datasets(series: CheckInSeries, texts: CheckInChartTexts): Config["data"]["datasets"] {
  const line = { type: "line" as const, yAxisID: "mood", pointRadius: 5, spanGaps: true, tension: 0.25, order: 0 };
  return [
    // Told apart by more than colour: dashed with diamonds, solid with dots.
    { ...line, label: texts.before, data: series.averageBefore, borderColor: BEFORE, backgroundColor: BEFORE, borderDash: [6, 4], pointStyle: "rectRot" },
    { ...line, label: texts.after, data: series.averageAfter, borderColor: AFTER, backgroundColor: AFTER, pointStyle: "circle" },
    { type: "bar", label: texts.answersBefore, data: series.answersBefore, yAxisID: "answers", backgroundColor: faint(BEFORE), order: 1 },
    { type: "bar", label: texts.answersAfter, data: series.answersAfter, yAxisID: "answers", backgroundColor: faint(AFTER), order: 1 },
  ];
}

/** Draws the chart on `canvas`; destroy() it when done. */
export function drawCheckInChart(canvas: HTMLCanvasElement, series: CheckInSeries, texts: CheckInChartTexts): Chart {
  // The bars keep to the lower half, under the lines: the moods are what the chart is about.
  const mostAnswers = Math.max(1, ...series.answersBefore, ...series.answersAfter);
  const config: Config = {
    type: "bar",
    data: { labels: series.labels, datasets: datasets(series, texts) },
    options: {
      responsive: true,
      maintainAspectRatio: false,
      animation: reducedMotion() ? false : { duration: 300 },
      color: TEXT,
      interaction: { mode: "index", intersect: false },
      scales: {
        x: { type: "category", ticks: { color: TEXT }, grid: { color: GRID } },
        mood: {
          type: "linear",
          position: "left",
          min: MOOD_MIN,
          max: MOOD_MAX,
          ticks: { stepSize: 1, color: TEXT },
          grid: { color: GRID },
          title: { display: true, text: texts.axisMood, color: TEXT },
        },
        answers: {
          type: "linear",
          position: "right",
          beginAtZero: true,
          suggestedMax: mostAnswers * 2,
          ticks: { precision: 0, color: TEXT },
          grid: { drawOnChartArea: false },
          title: { display: true, text: texts.axisAnswers, color: TEXT },
        },
      },
      plugins: {
        legend: { labels: { color: TEXT, usePointStyle: true } },
        tooltip: {
          callbacks: {
            label(item) {
              if (item.dataset.type !== "line") return `${item.dataset.label ?? ""}: ${item.formattedValue}`;
              const counts = item.datasetIndex === 0 ? series.answersBefore : series.answersAfter;
              return texts.tooltip(item.dataset.label ?? "", item.parsed.y ?? 0, counts[item.dataIndex] ?? 0);
            },
          },
        },
      },
    },
  };
  return new Chart(canvas, config);
}
