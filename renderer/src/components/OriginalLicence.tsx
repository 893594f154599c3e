import { useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { LicenceFound } from '../../../domain/api/contract';
import { api } from '../api';
import { ErrorBox } from './ErrorBox';
import { localDate } from './local-format';
import { useAction } from './use-action';

/** A licence in one line: its number and date, its holder, and how it stands. */
export function LicenceSummary({ licence }: { licence: LicenceFound }) {
  const { t } = useTranslation();
  return (
    <span className="licence-summary">
      <strong>№ {licence.number}</strong> {t('licences.issuedOn', { date: localDate(licence.issuedAt) })} · {licence.holderName} ({licence.holderIdn}) ·{' '}
      <span className={`licence-state licence-state-${licence.state}`}>
        {licence.reissuedAs ? t('licences.reissuedAs', { number: licence.reissuedAs }) : t(`licences.state.${licence.state}`)}
      </span>
    </span>
  );
}

/**
 * The licence a reissue or a duplicate is asked for, found in the office's journal by number, IIN/BIN or
 * name (Enter searches); only one in force can be chosen — the core checks the same.
 */
export function OriginalLicencePicker({ serviceCode, chosen, onChoose }: { serviceCode: string; chosen: LicenceFound | null; onChoose: (licence: LicenceFound | null) => void }) {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const [found, setFound] = useState<LicenceFound[] | null>(null);
  const find = useAction();

  async function doFind() {
    setFound(null);
    // Only the chosen service's licences: another service's could not be reissued under this one.
    const result = await find.run(() => api['licences.find']({ search: search.trim(), serviceCode }));
    if (result) setFound(result);
  }

  function onKey(e: KeyboardEvent<HTMLInputElement>) {
    if (e.key !== 'Enter') return;
    // Enter searches here, not submits the whole intake form.
    e.preventDefault();
    if (search.trim()) void doFind();
  }

  if (chosen) {
    return (
      <div className="applicant-card" data-testid="original-licence">
        <div>{t('licences.original')}:</div>
        <LicenceSummary licence={chosen} />
        <div>
          <button type="button" onClick={() => onChoose(null)}>
            {t('licences.change')}
          </button>
        </div>
      </div>
    );
  }
  return (
    <fieldset className="original-licence">
      <legend>{t('licences.original')}</legend>
      <p className="hint">{t('licences.required')}</p>
      <div className="row">
        <div className="field">
          <label htmlFor="original-search">{t('licences.search')}</label>
          <input id="original-search" value={search} onChange={(e) => setSearch(e.target.value)} onKeyDown={onKey} />
        </div>
        <button type="button" onClick={doFind} disabled={!search.trim() || find.busy}>
          {find.busy ? t('licences.searching') : t('licences.find')}
        </button>
      </div>
      <ErrorBox message={find.error} />
      <div aria-live="polite">
        {found && found.length === 0 && <p className="hint">{t('licences.none')}</p>}
        {found && found.length > 0 && (
          <ul className="licences-found" data-testid="licences-found">
            {found.map((licence) => (
              <li key={licence.number}>
                <LicenceSummary licence={licence} />{' '}
                <button type="button" aria-label={`${t('licences.choose')}: ${licence.number}`} disabled={licence.state !== 'in-force' && licence.state !== 'suspended'} onClick={() => onChoose(licence)}>
                  {t('licences.choose')}
                </button>
              </li>
            ))}
          </ul>
        )}
      </div>
    </fieldset>
  );
}
