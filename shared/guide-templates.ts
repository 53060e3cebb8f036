/**
 * The built-in circle templates, in each language Hearth speaks. A host picks one for a circle
 * (in the circle's language, English otherwise) and may edit it; the circle keeps its own copy.
 */
import type { CircleGuide, GuideStep } from "./guides.ts";

type Steps = GuideStep[];

interface Template {
  id: (typeof GUIDE_TEMPLATE_IDS)[number];
  name: Record<"en" | "es", string>;
  steps: Record<"en" | "es", Steps>;
}

const classicEn: Steps = [
  {
    technique: "welcome",
    phase: "arrival",
    title: "Welcome",
    prompt: "Welcome everyone by the fire. Remind the circle of the agreements: what is said here stays here, nobody has to speak, anyone can step out at any time.",
    card: "Welcome. You don't have to say anything. You can step out whenever you need to.",
  },
  {
    technique: "check-in",
    phase: "checkin",
    title: "Check-in round",
    prompt: "Start a round. Ask each person for one word or one sentence: how are you arriving today? Pass is always fine.",
    card: "Check-in: one word or a sentence about how you're arriving. Passing is fine.",
  },
  {
    technique: "active-listening",
    phase: "sharing",
    title: "Active listening",
    prompt: "Before the sharing, ask the circle to listen without fixing: no advice unless it is asked for, no interrupting. Reflect back what you heard when someone finishes.",
    card: "Listen to understand, not to fix. No advice unless someone asks for it.",
  },
  {
    technique: "i-statements",
    phase: "sharing",
    title: "Sharing with \"I\" statements",
    prompt: "Invite sharing. Encourage speaking from your own experience: \"I feel…\", \"I noticed…\", rather than \"you\" or \"people\". Give each person the talking piece.",
    card: "Speak from your own experience: \"I feel…\", \"I noticed…\".",
  },
  {
    technique: "taking-a-break",
    phase: "sharing",
    title: "Taking a break",
    prompt: "Offer a short pause: two minutes to breathe, stretch or step out. Say that taking a break is a strength, not a failure.",
    card: "A short pause. Breathe, stretch, or step out for a moment.",
  },
  {
    technique: "closing-round",
    phase: "closing",
    title: "Closing round",
    prompt: "Close with a round: one thing each person takes with them today. Thank the circle and remind them of the support lines.",
    card: "Closing: one thing you take with you today.",
  },
];

const classicEs: Steps = [
  {
    technique: "welcome",
    phase: "arrival",
    title: "Bienvenida",
    prompt: "Da la bienvenida junto al fuego. Recuerda los acuerdos: lo que se dice aquí se queda aquí, nadie tiene que hablar y cualquiera puede salir cuando lo necesite.",
    card: "Bienvenido. No tienes que decir nada. Puedes salir cuando lo necesites.",
  },
  {
    technique: "check-in",
    phase: "checkin",
    title: "Ronda de llegada",
    prompt: "Empieza una ronda. Pide a cada persona una palabra o una frase: ¿cómo llegas hoy? Pasar siempre está bien.",
    card: "Llegada: una palabra o una frase sobre cómo llegas hoy. Pasar está bien.",
  },
  {
    technique: "active-listening",
    phase: "sharing",
    title: "Escucha activa",
    prompt: "Antes de compartir, pide al círculo que escuche sin arreglar: sin consejos si no se piden, sin interrumpir. Cuando alguien termine, devuelve lo que has oído.",
    card: "Escucha para entender, no para arreglar. Sin consejos si nadie los pide.",
  },
  {
    technique: "i-statements",
    phase: "sharing",
    title: "Compartir en primera persona",
    prompt: "Invita a compartir. Anima a hablar desde la propia experiencia: «yo siento…», «yo noté…», en lugar de «tú» o «la gente». Da el turno de palabra a cada persona.",
    card: "Habla desde tu experiencia: «yo siento…», «yo noté…».",
  },
  {
    technique: "taking-a-break",
    phase: "sharing",
    title: "Tomar un descanso",
    prompt: "Ofrece una pausa corta: dos minutos para respirar, estirarse o salir un momento. Di que tomarse un descanso es una fortaleza, no un fracaso.",
    card: "Una pausa corta. Respira, estírate o sal un momento.",
  },
  {
    technique: "closing-round",
    phase: "closing",
    title: "Ronda de cierre",
    prompt: "Cierra con una ronda: algo que cada persona se lleva hoy. Agradece al círculo y recuerda las líneas de apoyo.",
    card: "Cierre: algo que te llevas hoy.",
  },
];

const shortEn: Steps = [
  { ...classicEn[1]!, title: "Check-in round" },
  { ...classicEn[3]!, prompt: "Open the sharing. Remind the circle: listen without fixing, speak with \"I\". Pass the talking piece around once." },
  { ...classicEn[5]! },
];

const shortEs: Steps = [
  { ...classicEs[1]! },
  { ...classicEs[3]!, prompt: "Abre el espacio para compartir. Recuerda al círculo: escuchar sin arreglar, hablar en primera persona. Pasa el turno de palabra una vez." },
  { ...classicEs[5]! },
];

export const GUIDE_TEMPLATES: readonly Template[] = [
  { id: "classic", name: { en: "Classic circle (six steps)", es: "Círculo clásico (seis pasos)" }, steps: { en: classicEn, es: classicEs } },
  { id: "short", name: { en: "Short circle (check-in, sharing, closing)", es: "Círculo corto (llegada, compartir, cierre)" }, steps: { en: shortEn, es: shortEs } },
];

export const GUIDE_TEMPLATE_IDS = ["classic", "short"] as const;

/** A template as a circle's own guide, in the circle's language (English when it has none). */
export function guideFromTemplate(id: string, language: string): CircleGuide | undefined {
  const template = GUIDE_TEMPLATES.find((t) => t.id === id);
  if (!template) return undefined;
  const lang = language.split("-")[0] === "es" ? "es" : "en";
  return { template: id, steps: template.steps[lang].map((s) => ({ ...s })) };
}

export function templateName(id: string, language: string): string | undefined {
  const template = GUIDE_TEMPLATES.find((t) => t.id === id);
  return template?.name[language.split("-")[0] === "es" ? "es" : "en"];
}
