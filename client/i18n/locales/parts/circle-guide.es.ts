import type { circleGuideEn } from "./circle-guide.en.ts";

/** Español: la guía y las llegadas/salidas, tipado contra el inglés. */
export const circleGuideEs: typeof circleGuideEn = {
  guide: {
    heading: "Guía",
    notStarted: "La guía aún no ha empezado. Empieza por el primer paso cuando el círculo esté listo.",
    stepOf: "Paso {{step}} de {{count}}",
    start: "Empezar la guía",
    next: "Paso siguiente",
    previous: "Paso anterior",
    goTo: "Ir a {{title}}",
    phaseNote: "Ir a un paso cambia la fase: {{phase}}.",
    finished: "Ese era el último paso.",
    cardLabel: "Ahora en el círculo",
  },
  checkIn: {
    beforeTitle: "¿Cómo llegas?",
    afterTitle: "¿Cómo te vas?",
    optional: "Opcional y anónimo: solo se guarda el número de respuestas, nunca quién las dio.",
    mood_1: "Muy mal",
    mood_2: "Mal",
    mood_3: "Regular",
    mood_4: "Bien",
    mood_5: "Muy bien",
    scale: "Ánimo, de muy mal a muy bien",
    wantsCheckIn: "Me gustaría que alguien hablara conmigo",
    wantsCheckInNote: "Se avisa al facilitador en privado. Nadie más lo ve.",
    send: "Enviar",
    skip: "Ahora no",
    thanks: "Gracias por contarnos cómo estás.",
    thanksWants: "Gracias. El facilitador sabe que te gustaría que alguien hablara contigo.",
    failed: "No se pudo enviar: {{reason}}",
  },
  scene: {
    lookHint: "Arrastra o usa las flechas para mirar alrededor. Con auriculares el círculo no tiene eco.",
    safety: "Seguridad",
  },
  crisisLines: {
    speaks: "En {{languages}}",
  },
  reports: {
    byFilter: "marcado por el filtro del chat",
    from: "de {{name}}",
  },
  marks: {
    disguised: "voz disfrazada",
    disguisedTitle: "Esta voz va disfrazada: su tono y timbre se cambian en su propio dispositivo",
    captions: "subtítulos",
    captionsTitle: "Subtitula su propia voz, en su propio dispositivo",
  },
  flags: {
    checkIn: "ha pedido en su llegada que alguien le pregunte cómo está",
  },
};
