import { useTranslation } from 'react-i18next';

/**
 * A month (YYYY-MM) chosen from the months' names in the UI's own language and a year: Chromium's
 * <input type="month"> writes "January 2027" in the system's language, whatever the UI's.
 */
export function MonthPicker({ id, label, value, onChange, years }: { id: string; label: string; value: string; onChange: (month: string) => void; years: number[] }) {
  const { t } = useTranslation();
  const names = t('common.months').split(',');
  const [year, month] = value ? value.split('-') : ['', ''];
  const set = (y: string, m: string) => onChange(`${y}-${m}`);
  // The chosen year is always offered, even outside the usual range.
  const offered = year && !years.includes(Number(year)) ? [...years, Number(year)].sort((a, b) => a - b) : years;
  return (
    <span className="month-picker" role="group" aria-labelledby={`${id}-label`}>
      <span id={`${id}-label`}>{label}</span>
      <select id={id} aria-label={`${label}: ${t('common.month')}`} value={month} onChange={(e) => set(year || String(years.at(-1)), e.target.value)}>
        {names.map((name, i) => (
          <option key={name} value={String(i + 1).padStart(2, '0')}>
            {name}
          </option>
        ))}
      </select>
      <select aria-label={`${label}: ${t('common.year')}`} value={year} onChange={(e) => set(e.target.value, month || '01')}>
        {offered.map((y) => (
          <option key={y} value={String(y)}>
            {y}
          </option>
        ))}
      </select>
    </span>
  );
}
