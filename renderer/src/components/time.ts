import { currentLanguage } from '../i18n';

/** A moment as the user reads it: in the UI's language and Almaty time, whatever the browser's settings. */
export function localTime(iso: string): string {
  return new Intl.DateTimeFormat(currentLanguage() === 'kk' ? 'kk-KZ' : 'ru-RU', { dateStyle: 'short', timeStyle: 'short', timeZone: 'Asia/Almaty' }).format(new Date(iso));
}

/** The day of a moment, in the UI's language and as it was in Almaty. */
export function localDate(iso: string): string {
  return new Intl.DateTimeFormat(currentLanguage() === 'kk' ? 'kk-KZ' : 'ru-RU', { dateStyle: 'short', timeZone: 'Asia/Almaty' }).format(new Date(iso));
}
