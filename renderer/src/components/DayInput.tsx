import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * A calendar day typed as дд.мм.гггг, whatever the browser's own locale: Chromium draws
 * <input type="date"> in the system's language and order (mm/dd/yyyy on an English system), not
 * the UI's. The value is an ISO date (or '' when empty); a day that does not exist is refused beside it.
 */
export function DayInput({ id, value, onChange, label }: { id: string; value: string; onChange: (isoDate: string) => void; label?: string }) {
  const { t } = useTranslation();
  const shown = (iso: string) => (iso ? iso.split('-').reverse().join('.') : '');
  const [text, setText] = useState(shown(value));
  const [invalid, setInvalid] = useState(false);
  useEffect(() => setText(shown(value)), [value]);
  const commit = () => {
    const trimmed = text.trim();
    if (trimmed === '') {
      setInvalid(false);
      if (value !== '') onChange('');
      return;
    }
    const iso = parseDay(trimmed);
    setInvalid(iso === null);
    if (iso !== null && iso !== value) onChange(iso);
  };
  return (
    <>
      <input
        id={id}
        inputMode="numeric"
        placeholder={t('common.dayFormat')}
        aria-label={label}
        aria-invalid={invalid}
        aria-describedby={invalid ? `${id}-problem` : undefined}
        value={text}
        size={10}
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
          {t('common.dayInvalid')}
        </small>
      )}
    </>
  );
}

/** дд.мм.гггг (or д.м.гггг) to an ISO date; null when it is no real day. */
export function parseDay(text: string): string | null {
  const match = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/.exec(text);
  if (!match) return null;
  const [day, month, year] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  return date.toISOString().slice(0, 10);
}
