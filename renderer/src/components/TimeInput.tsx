import { useTranslation } from 'react-i18next';
import { TypedInput } from './TypedInput';

/**
 * A time of day typed as чч:мм on the 24-hour clock, whatever the browser's locale: Chromium draws
 * <input type="time"> by the system's settings ("09:00 AM" on an English system), not by the UI's
 * language. The value is HH:MM (or '' when empty); a time that does not exist is refused beside it.
 */
export function TimeInput({ id, value, onChange, label }: { id: string; value: string; onChange: (time: string) => void; label?: string }) {
  const { t } = useTranslation();
  return (
    <TypedInput
      id={id}
      value={value}
      onChange={onChange}
      label={label}
      parse={parseTime}
      allowEmpty={false}
      placeholder={t('common.timeFormat')}
      problem={t('common.timeInvalid')}
      size={5}
    />
  );
}

/** чч:мм (or ч:мм, or чч.мм) to HH:MM on the 24-hour clock; null when it is no time of day. */
export function parseTime(text: string): string | null {
  const match = /^(\d{1,2})[:.](\d{2})$/.exec(text);
  if (!match) return null;
  const [hour, minute] = [Number(match[1]), Number(match[2])];
  return hour <= 23 && minute <= 59 ? `${String(hour).padStart(2, '0')}:${match[2]}` : null;
}
