/** The small marks beside a person's name: their voice is disguised, they caption themselves. */
export function VoiceMarks({ disguised, captions }: { disguised: boolean; captions: boolean }) {
  return (
    <>
      {disguised && (
        <span className="voice-mark" title="This voice is disguised: its pitch and tone are changed on their device">disguised</span>
      )}
      {captions && (
        <span className="voice-mark" title="They caption their own voice, on their own device">captions</span>
      )}
    </>
  );
}
