import type { safetyDialogsEn } from "./safety-dialogs.en.ts";

/** Español: the safetyDialogs section, typed against English. */
export const safetyDialogsEs: typeof safetyDialogsEn = {
  // AgreementsDialog: Hearth's own agreements (client/safety/agreements.ts), then a circle's
  agreementsTitle: "Antes de entrar: nuestros acuerdos de la comunidad",
  confidentialityTitle: "Confidencialidad",
  confidentialityText: "Lo que se comparte aquí, se queda aquí. No repitas fuera del círculo las historias, los nombres ni los detalles de los demás.",
  respectTitle: "Respeto",
  respectText: "Escucha sin interrumpir. Sin juicios, sin insultos, sin menosprecios.",
  ownExperienceTitle: "Habla desde tu propia experiencia",
  ownExperienceText: "Di «yo», no «tú» ni «todos». Tu historia es tuya y te toca contarla a ti; las de los demás son suyas.",
  noAdviceTitle: "Sin consejos que nadie ha pedido",
  noAdviceText: "Escucha en lugar de intentar arreglar. Da consejos solo cuando alguien te los pida.",
  peerSupportTitle: "Apoyo entre pares, no un servicio de crisis ni de terapia",
  peerSupportText:
    "Las personas de aquí son pares, no terapeutas. Si estás en peligro o podrías hacerte daño, llama al número de emergencias de tu zona: la ayuda en crisis está siempre a un clic.",
  circleOwnAgreements: "Los acuerdos propios de este círculo",
  namedCircleAgreements: "Los acuerdos de {{title}}",
  circleAgreements: "Los acuerdos de este círculo",
  needHelpNow: "¿Necesitas ayuda ahora mismo?",
  notNow: "Ahora no",
  agreeTakeMeIn: "Estoy de acuerdo: quiero entrar",

  // ReferralList
  referralKind_counselling: "Atención psicológica",
  referralKind_helpline: "Línea de ayuda",
  referralKind_specialist: "Servicio especializado",
  "referralKind_peer-support": "Apoyo entre pares",
  referralKind_emergency: "Emergencias",

  // ReportDialog
  reportTitle: "Informar sobre {{name}}",
  reportPrivacy: "Solo los facilitadores de esta sesión ven lo que cuentas. {{name}} no se entera, y queda en silencio para ti.",
  whatHappened: "¿Qué ha pasado?",
  reportCategory_harassment: "Acoso o intimidación",
  reportCategory_hate: "Lenguaje de odio o insultos",
  reportCategory_sexual: "Contenido sexual o no deseado",
  reportCategory_threat: "Amenazas o violencia",
  reportCategory_disruptive: "Alterar el círculo",
  reportCategory_other: "Otra cosa",
  reportNoteLabel: "Algo que los facilitadores deban saber (opcional)",
  cancel: "Cancelar",
  sendReport: "Enviar el informe",

  // XRSafetyPanels
  closeCrisis: "Cerrar la ayuda en crisis",
  whoIsThisAbout: "¿Sobre quién es?",
  close: "Cerrar",
  muteNamedForMe: "Silenciar a {{name}} para mí",
  blockNamed: "Bloquear a {{name}}",
  reportAs: "Informar: {{category}}",
  back: "Atrás",
  chatPaused: "Chat (pausado por el facilitador)",
  chatNotSaved: "Chat (no se guarda en ningún sitio)",
  noMessages: "Aún no hay mensajes.",
  phraseThanks: "Gracias por compartir",
  phraseHearYou: "Te escucho",
  phraseSameHere: "A mí también me pasa",
  phraseMoment: "Necesito un momento",
  phraseWelcome: "Qué bien que estés aquí",
};
