import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApplicationDetail, LicenceDraft } from '../../../../domain/api/contract';
import type { Catalogue, ResultKind } from '../../../../domain/catalogue/catalogue';
import { api } from '../../api';
import { localDay } from '../../components/local-format';
import { DayInput } from '../../components/DayInput';
import { localized } from '../../i18n';
import type { Update } from './update';

/**
 * The licence's variable fields (seed 001, annex 3), drafted by the assigned executor: the sub-types
 * of the activity, where the production base is, special conditions, validity. The head sees them
 * here and in the preview; a licence without a draft keeps the catalogue's sub-types and the legal address.
 */
export function LicenceDraftPanel({ app, catalogue, result, editable, update }: { app: ApplicationDetail; catalogue: Catalogue; result: ResultKind; editable: boolean; update: Update }) {
  const { t } = useTranslation();
  // A conclusion's draft names the object assessed where a licence's names its production base.
  const words = (key: 'title' | 'productionBase' | 'specialConditions' | 'validity' | 'save' | 'saved' | 'notDrafted') =>
    result === 'conclusion' ? t(`result.conclusion.${{ title: 'draftTitle', productionBase: 'object', specialConditions: 'conditions', validity: 'validity', save: 'save', saved: 'saved', notDrafted: 'notDrafted' }[key]}`) : t(`draft.${key}`);
  const service = catalogue.services.find((s) => s.code === app.serviceCode);
  const saved = app.licenceDraft;
  const [draft, setDraft] = useState<LicenceDraft>(
    saved ?? { subtypes: service?.subtypes.map((_, i) => i) ?? [], productionBase: result === 'conclusion' ? '' : app.applicant.address, specialConditions: '', validUntil: null },
  );
  if (!service) return null;
  const changed = JSON.stringify(draft) !== JSON.stringify(saved);
  const toggle = (index: number, on: boolean) => setDraft({ ...draft, subtypes: on ? [...draft.subtypes, index].sort((a, b) => a - b) : draft.subtypes.filter((i) => i !== index) });

  if (!editable) {
    return (
      <div className="card" data-testid="licence-draft">
        <h2>{words('title')}</h2>
        {saved ? (
          <dl className="facts">
            {service.subtypes.length > 0 && (
              <>
                <dt>{t('draft.subtypes')}</dt>
                <dd>{saved.subtypes.map((i) => localized(service.subtypes[i])).join('; ')}</dd>
              </>
            )}
            <dt>{words('productionBase')}</dt>
            <dd>{saved.productionBase}</dd>
            <dt>{words('specialConditions')}</dt>
            <dd>{saved.specialConditions || t('draft.none')}</dd>
            <dt>{words('validity')}</dt>
            <dd>{saved.validUntil ? t('draft.until', { day: localDay(saved.validUntil) }) : localized(service.validity)}</dd>
          </dl>
        ) : (
          <p className="muted">{words('notDrafted')}</p>
        )}
      </div>
    );
  }

  return (
    <form
      className="card"
      data-testid="licence-draft"
      onSubmit={(e) => {
        e.preventDefault();
        void update(() => api['decisions.saveDraft']({ applicationId: app.id, draft }), () => words('saved'));
      }}
    >
      <h2>{words('title')}</h2>
      {service.subtypes.length > 0 && (
        <fieldset>
          <legend>{t('draft.subtypes')}</legend>
          {service.subtypes.map((subtype, index) => (
            <label className="inline" key={index}>
              <input type="checkbox" checked={draft.subtypes.includes(index)} onChange={(e) => toggle(index, e.target.checked)} />
              {localized(subtype)}
            </label>
          ))}
        </fieldset>
      )}
      <div className="field">
        <label htmlFor="draft-base">{words('productionBase')}</label>
        <input id="draft-base" value={draft.productionBase} onChange={(e) => setDraft({ ...draft, productionBase: e.target.value })} />
      </div>
      <div className="field">
        <label htmlFor="draft-conditions">{words('specialConditions')}</label>
        <textarea id="draft-conditions" rows={2} placeholder={t('draft.none')} value={draft.specialConditions} onChange={(e) => setDraft({ ...draft, specialConditions: e.target.value })} />
      </div>
      <fieldset>
        <legend>{words('validity')}</legend>
        <label className="inline">
          <input type="radio" name="draft-validity" checked={draft.validUntil === null} onChange={() => setDraft({ ...draft, validUntil: null })} />
          {localized(service.validity)}
        </label>
        <label className="inline">
          <input type="radio" name="draft-validity" checked={draft.validUntil !== null} onChange={() => setDraft({ ...draft, validUntil: draft.validUntil ?? '' })} />
          {t('draft.untilDay')}
        </label>
        {draft.validUntil !== null && (
          <DayInput id="draft-valid-until" label={t('draft.untilDay')} value={draft.validUntil} onChange={(day) => setDraft({ ...draft, validUntil: day })} />
        )}
      </fieldset>
      <div className="actions">
        <button type="submit" disabled={!changed || draft.productionBase.trim() === '' || draft.validUntil === ''}>
          {words('save')}
        </button>
        {saved && !changed && <span className="save-state saved">✓ {t('draft.upToDate')}</span>}
      </div>
    </form>
  );
}
