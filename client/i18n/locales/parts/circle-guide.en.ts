/** English texts of the guide and check-in section (merged into ../en.ts). */
export const circleGuideEn = {
  guide: {
    heading: "Guide",
    notStarted: "The guide has not started. Begin with its first step when the circle is ready.",
    stepOf: "Step {{step}} of {{count}}",
    start: "Start the guide",
    next: "Next step",
    previous: "Previous step",
    goTo: "Go to {{title}}",
    phaseNote: "Going to a step sets the phase: {{phase}}.",
    finished: "That was the last step.",
    cardLabel: "Now in the circle",
  },
  checkIn: {
    beforeTitle: "How are you arriving?",
    afterTitle: "How are you leaving?",
    optional: "Optional and anonymous: only the number of answers is kept, never who gave them.",
    mood_1: "Very low",
    mood_2: "Low",
    mood_3: "Okay",
    mood_4: "Good",
    mood_5: "Very good",
    scale: "Mood, from very low to very good",
    wantsCheckIn: "I'd like someone to check in with me",
    wantsCheckInNote: "The facilitator is told privately. Nobody else sees it.",
    send: "Send",
    skip: "Not now",
    thanks: "Thank you for checking in.",
    thanksWants: "Thank you. The facilitator knows you'd like someone to check in with you.",
    failed: "Your check-in could not be sent: {{reason}}",
  },
  scene: {
    lookHint: "Drag or use the arrow keys to look around. Headphones keep the circle free of echo.",
    safety: "Safety",
  },
  crisisLines: {
    speaks: "In {{languages}}",
  },
  reports: {
    byFilter: "flagged by the chat filter",
    from: "from {{name}}",
  },
  marks: {
    disguised: "disguised",
    disguisedTitle: "This voice is disguised: its pitch and tone are changed on their device",
    captions: "captions",
    captionsTitle: "They caption their own voice, on their own device",
  },
  flags: {
    checkIn: "asked in their check-in for someone to check in with them",
  },
};
