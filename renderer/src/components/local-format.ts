import { currentLanguage } from '../i18n';
import { intlLocale } from '../i18n/intl-locale';

const locale = () => intlLocale(currentLanguage());
// Spelled out rather than dateStyle 'short': that gives kk-KZ a two-digit year, too loose for a legal date.
const DAY = { day: '2-digit', month: '2-digit', year: 'numeric', timeZone: 'Asia/Almaty' } as const;
const MOMENT = { ...DAY, hour: '2-digit', minute: '2-digit' } as const;

/** A moment as the user reads it: in the UI's language and Almaty time, whatever the browser's settings. */
export function localTime(iso: string): string {
  return new Intl.DateTimeFormat(locale(), MOMENT).format(new Date(iso));
}

/** The day of a moment, in the UI's language and as it was in Almaty. */
export function localDate(iso: string): string {
  return new Intl.DateTimeFormat(locale(), DAY).format(new Date(iso));
}

/** A calendar day as stored (YYYY-MM-DD: a legal due date, a PoA's validity), in the UI's language. */
export function localDay(day: string): string {
  return localDate(`${day}T12:00:00+05:00`);
}

/** A measured figure (mean hours) as the UI's language writes it: "45,3". */
export function localDecimal(value: number, fractionDigits = 1): string {
  return new Intl.NumberFormat(locale(), { minimumFractionDigits: fractionDigits, maximumFractionDigits: fractionDigits }).format(value);
}

/** A figure on a chart, up to one decimal, as the UI's language writes it. */
export function localNumber(value: number): string {
  return new Intl.NumberFormat(locale(), { maximumFractionDigits: 1 }).format(value);
}
