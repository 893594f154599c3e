import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * A time of day typed as чч:мм on the 24-hour clock, whatever the browser's locale: Chromium draws
 * <input type="time"> by the system's settings ("09:00 AM" on an English system), not by the UI's
 * language. The value is HH:MM (or '' when empty); a time that does not exist is refused beside it.
 */
export function TimeInput({ id, value, onChange, label }: { id: string; value: string; onChange: (time: string) => void; label?: string }) {
  const { t } = useTranslation();
  const [text, setText] = useState(value);
  const [invalid, setInvalid] = useState(false);
  useEffect(() => setText(value), [value]);
  const commit = () => {
    const time = parseTime(text.trim());
    setInvalid(text.trim() !== '' && time === null);
    if (time !== null && time !== value) onChange(time);
  };
  return (
    <>
      <input
        id={id}
        inputMode="numeric"
        placeholder={t('common.timeFormat')}
        aria-label={label}
        aria-invalid={invalid}
        aria-describedby={invalid ? `${id}-problem` : undefined}
        value={text}
        size={5}
        onChange={(e) => setText(e.target.value)}
        onBlur={commit}
        onKeyDown={(e) => {
          if (e.key === 'Enter') {
            e.preventDefault();
            commit();
          }
        }}
      />
      {invalid && (
        <small id={`${id}-problem`} className="hint bad" role="alert">
          {t('common.timeInvalid')}
        </small>
      )}
    </>
  );
}

/** чч:мм (or ч:мм, or чч.мм) to HH:MM on the 24-hour clock; null when it is no time of day. */
export function parseTime(text: string): string | null {
  const match = /^(\d{1,2})[:.](\d{2})$/.exec(text);
  if (!match) return null;
  const [hour, minute] = [Number(match[1]), Number(match[2])];
  return hour <= 23 && minute <= 59 ? `${String(hour).padStart(2, '0')}:${match[2]}` : null;
}
