import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { AppError } from '../../../domain/api/errors';
import type { Language, LocalizedText } from '../../../domain/i18n/text';
import { intlLocale } from './intl-locale';
import { kk } from './kk';
import { ru } from './ru';

const stored = localStorage.getItem('ajo-language');
export const initialLanguage: Language = stored === 'ru' ? 'ru' : 'kk';

void i18next.use(initReactI18next).init({
  resources: { kk: { translation: kk }, ru: { translation: ru } },
  lng: initialLanguage,
  fallbackLng: 'ru',
  interpolation: { escapeValue: false },
});

export function setLanguage(language: Language): void {
  localStorage.setItem('ajo-language', language);
  document.documentElement.lang = language;
  void i18next.changeLanguage(language);
}

export function currentLanguage(): Language {
  return i18next.language === 'ru' ? 'ru' : 'kk';
}

export function localized(text: LocalizedText | undefined): string {
  return text ? text[currentLanguage()] : '';
}

/** The message for any failure, in the user's language: what happened and what to do. */
export function errorMessage(error: unknown): string {
  const t = i18next.t.bind(i18next);
  if (!(error instanceof AppError)) return t('errors.internal');
  // A field is named as the form labels it (its path in the call otherwise).
  const field = typeof error.params?.field === 'string' ? t(`fields.${error.params.field}`, { defaultValue: error.params.field }) : undefined;
  const reason = error.reason ? t(`reasons.${error.reason}`, { ...error.params, field, defaultValue: error.reason }) : '';
  const params = { ...error.params, reason } as Record<string, unknown>;
  if (typeof params.until === 'string') params.until = new Intl.DateTimeFormat(intlLocale(currentLanguage()), { hour: '2-digit', minute: '2-digit', timeZone: 'Asia/Almaty' }).format(new Date(params.until));
  if (error.code === 'bad-credentials' && error.reason) return t('login.keyRefused', { reason });
  // "Not found", "the gateway is down", "the gateway failed" call for different things from the clerk.
  if (error.code === 'data-unavailable' && error.reason) return t(`dataUnavailable.${error.reason}`, { defaultValue: t('errors.data-unavailable') });
  // A fault in the core is named by its incident, which the core's log has beside its cause.
  if (error.code === 'internal' && error.params?.incident) return t('errors.internalIncident', { incident: error.params.incident });
  if (error.code === 'core-unreachable') return t(`coreUnreachable.${error.reason === 'launch-token' ? 'launchToken' : 'noAnswer'}`);
  let message = t(`errors.${error.code}`, params);
  if (error.code === 'bad-credentials' && typeof error.params?.attemptsLeft === 'number') {
    message += ` ${t('login.attemptsLeft', { count: error.params.attemptsLeft })}`;
  }
  return message;
}

export default i18next;
