import { useTranslation } from 'react-i18next';
import { TypedInput } from './TypedInput';
import { printedDay } from '../../../domain/calendar/working-days';

/**
 * A calendar day typed as дд.мм.гггг, whatever the browser's own locale: Chromium draws
 * <input type="date"> in the system's language and order (mm/dd/yyyy on an English system), not
 * the UI's. The value is an ISO date (or '' when empty); a day that does not exist is refused beside it.
 */
export function DayInput({ id, value, onChange, label }: { id: string; value: string; onChange: (isoDate: string) => void; label?: string }) {
  const { t } = useTranslation();
  return (
    <TypedInput
      id={id}
      value={value}
      onChange={onChange}
      label={label}
      parse={parseDay}
      show={(iso) => (iso ? printedDay(iso) : '')}
      allowEmpty
      placeholder={t('common.dayFormat')}
      problem={t('common.dayInvalid')}
      size={10}
    />
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
