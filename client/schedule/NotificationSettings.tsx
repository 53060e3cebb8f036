import type { TFunction } from "i18next";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { errorText } from "./api.ts";
import {
  disableNotifications,
  enableNotifications,
  type NotificationState,
  notificationState,
  reminderPreferences,
  saveReminderPreferences,
} from "./notifications.ts";

const CHOICES: { minutes: number; label: (t: TFunction) => string }[] = [
  { minutes: 1440, label: (t) => t("schedulePages.daysBefore", { count: 1 }) },
  { minutes: 60, label: (t) => t("schedulePages.hoursBefore", { count: 1 }) },
  { minutes: 30, label: (t) => t("schedulePages.minutesBefore", { count: 30 }) },
  { minutes: 10, label: (t) => t("schedulePages.minutesBefore", { count: 10 }) },
];

/** The reminder times to tick; disabled until the saved choice has loaded. */
function ReminderChoices({ minutes, onToggle }: { minutes: number[] | null; onToggle: (choice: number, on: boolean) => void }) {
  const { t } = useTranslation();
  return (
    <fieldset className="reminder-choices">
      <legend>{t("schedulePages.remindMe")}</legend>
      {CHOICES.map((c) => (
        <label key={c.minutes}>
          <input type="checkbox" checked={minutes?.includes(c.minutes) ?? false} disabled={minutes === null} onChange={(e) => onToggle(c.minutes, e.target.checked)} />
          {c.label(t)}
        </label>
      ))}
    </fieldset>
  );
}

/** "Remind me on this device": allow notifications, choose reminder times, or turn them off. */
export function NotificationSettings() {
  const { t } = useTranslation();
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
      <h3 id="notifications-heading">{t("schedulePages.remindersTitle")}</h3>
      <p className="muted">{t("schedulePages.remindersIntro")}</p>
      {state === "unsupported" && <p>{t("schedulePages.notificationsUnsupported")}</p>}
      {state === "denied" && <p>{t("schedulePages.notificationsDenied")}</p>}
      {state === "off" && (
        <button type="button" disabled={busy} onClick={() => void run(enableNotifications)}>{t("schedulePages.allowNotifications")}</button>
      )}
      {state === "on" && (
        <>
          <ReminderChoices minutes={minutes} onToggle={(choice, on) => void toggle(choice, on)} />
          <button type="button" disabled={busy} onClick={() => void run(disableNotifications)}>{t("schedulePages.turnNotificationsOff")}</button>
        </>
      )}
      {error && <p role="alert" className="error">{error}</p>}
    </section>
  );
}
