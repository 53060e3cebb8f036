import { useEffect, useState } from "react";
import { errorText } from "./api.ts";
import {
  disableNotifications,
  enableNotifications,
  type NotificationState,
  notificationState,
  reminderPreferences,
  saveReminderPreferences,
} from "./notifications.ts";

const CHOICES: { minutes: number; label: string }[] = [
  { minutes: 1440, label: "1 day before" },
  { minutes: 60, label: "1 hour before" },
  { minutes: 30, label: "30 minutes before" },
  { minutes: 10, label: "10 minutes before" },
];

/** The reminder times to tick; disabled until the saved choice has loaded. */
function ReminderChoices({ minutes, onToggle }: { minutes: number[] | null; onToggle: (choice: number, on: boolean) => void }) {
  return (
    <fieldset className="reminder-choices">
      <legend>Remind me</legend>
      {CHOICES.map((c) => (
        <label key={c.minutes}>
          <input type="checkbox" checked={minutes?.includes(c.minutes) ?? false} disabled={minutes === null} onChange={(e) => onToggle(c.minutes, e.target.checked)} />
          {c.label}
        </label>
      ))}
    </fieldset>
  );
}

/** "Remind me on this device": allow notifications, choose reminder times, or turn them off. */
export function NotificationSettings() {
  const [state, setState] = useState<NotificationState | "loading">("loading");
  const [minutes, setMinutes] = useState<number[] | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    notificationState()
      .then((s) => live && setState(s))
      .catch(() => live && setState("off"));
    return () => {
      live = false;
    };
  }, []);

  useEffect(() => {
    if (state !== "on") return;
    let live = true;
    reminderPreferences()
      .then((p) => live && setMinutes(p.reminderMinutes))
      .catch((e: unknown) => live && setError(errorText(e)));
    return () => {
      live = false;
    };
  }, [state]);

  async function run(action: () => Promise<NotificationState>) {
    setBusy(true);
    setError(null);
    try {
      setState(await action());
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  }

  async function toggle(choice: number, on: boolean) {
    const next = on ? [...(minutes ?? []), choice] : (minutes ?? []).filter((m) => m !== choice);
    setError(null);
    try {
      setMinutes((await saveReminderPreferences(next)).reminderMinutes);
    } catch (e) {
      setError(errorText(e));
    }
  }

  if (state === "loading" || state === "server-off") return null;
  return (
    <section className="notifications" aria-labelledby="notifications-heading" data-notifications={state}>
      <h3 id="notifications-heading">Reminders on this device</h3>
      <p className="muted">
        Hearth can remind you before your sessions and tell you if one moves, is cancelled, or a waitlist place opens for you.
        It goes through your browser's push service, tied only to this browser's random key: no name, no email, no pseudonym.
      </p>
      {state === "unsupported" && <p>This browser cannot receive notifications from Hearth.</p>}
      {state === "denied" && <p>Notifications are blocked for this site in your browser's settings.</p>}
      {state === "off" && (
        <button type="button" disabled={busy} onClick={() => void run(enableNotifications)}>Allow notifications</button>
      )}
      {state === "on" && (
        <>
          <ReminderChoices minutes={minutes} onToggle={(choice, on) => void toggle(choice, on)} />
          <button type="button" disabled={busy} onClick={() => void run(disableNotifications)}>Turn notifications off</button>
        </>
      )}
      {error && <p role="alert" className="error">{error}</p>}
    </section>
  );
}
