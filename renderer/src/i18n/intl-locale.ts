import type { Language } from '../../../domain/i18n/text';

/**
 * Chromium's trimmed ICU answers for kk-KZ (supportedLocalesOf says yes) but holds no Kazakh data: it writes
 * the root locale's 2027-03-18 and 45.3. Kazakh writes a decimal comma, so a comma shows the data is there.
 */
const kazakhDataPresent = new Intl.NumberFormat('kk-KZ').format(1.5) === '1,5';

/**
 * The Intl locale that writes dates and numbers as the UI's language does. Where Kazakh data is missing,
 * ru-KZ stands in: it writes numeric dates, times and numbers exactly as kk-KZ does (18.03.2027, 16:00, 45,3).
 */
export function intlLocale(language: Language): string {
  if (language === 'ru') return 'ru-RU';
  return kazakhDataPresent ? 'kk-KZ' : 'ru-KZ';
}
