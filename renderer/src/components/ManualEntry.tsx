import { DayInput } from './DayInput';
import { useTranslation } from 'react-i18next';
import type { ApplicantKind } from '../../../domain/catalogue/catalogue';
import { AppError } from '../../../domain/api/errors';
import { isUnverifiedBecause } from '../../../domain/applications/identity-check';
import { IdnInput } from './IdnInput';

/** The gateway did not answer (not "not found"): the clerk may enter the data from the documents presented. */
export function gatewayDown(failure: unknown): boolean {
  return failure instanceof AppError && failure.code === 'data-unavailable' && isUnverifiedBecause(failure.reason);
}

export interface ApplicantDraft {
  name: string;
  nameKk: string;
  address: string;
  head: string;
}
export const EMPTY_APPLICANT: ApplicantDraft = { name: '', nameKk: '', address: '', head: '' };

export function applicantComplete(a: ApplicantDraft): boolean {
  return a.name.trim() !== '' && a.address.trim() !== '';
}

/** As the core takes it: empty optional fields left out. */
export function applicantEntered(kind: ApplicantKind, a: ApplicantDraft) {
  const optional = (v: string) => (kind === 'legal' && v.trim() !== '' ? v.trim() : null);
  return { name: a.name.trim(), address: a.address.trim(), nameKk: optional(a.nameKk), head: optional(a.head) };
}

function Field(props: { id: string; label: string; value: string; onChange: (v: string) => void; type?: string; autoFocus?: boolean }) {
  return (
    <div className="field">
      <label htmlFor={props.id}>{props.label}</label>
      {props.type === 'date' ? (
        <DayInput id={props.id} value={props.value} onChange={props.onChange} />
      ) : (
        <input id={props.id} type={props.type ?? 'text'} value={props.value} autoFocus={props.autoFocus} onChange={(e) => props.onChange(e.target.value)} />
      )}
    </div>
  );
}

export function ManualApplicant({ kind, value, onChange }: { kind: ApplicantKind; value: ApplicantDraft; onChange: (a: ApplicantDraft) => void }) {
  const { t } = useTranslation();
  const set = (field: keyof ApplicantDraft) => (v: string) => onChange({ ...value, [field]: v });
  return (
    <fieldset className="manual-entry" data-testid="manual-applicant">
      <legend>{t('intake.manualTitle')}</legend>
      <p className="hint">{t('intake.manualHint')}</p>
      <Field id="manual-name" label={t('intake.manualName')} value={value.name} onChange={set('name')} autoFocus />
      {kind === 'legal' && <Field id="manual-name-kk" label={t('intake.manualNameKk')} value={value.nameKk} onChange={set('nameKk')} />}
      <Field id="manual-address" label={t('intake.manualAddress')} value={value.address} onChange={set('address')} />
      {kind === 'legal' && <Field id="manual-head" label={t('intake.manualHead')} value={value.head} onChange={set('head')} />}
    </fieldset>
  );
}

export interface PoaDraft {
  attorneyIin: string;
  attorneyName: string;
  powers: string;
  validFrom: string;
  validUntil: string;
  notary: string;
}
export const EMPTY_POA: PoaDraft = { attorneyIin: '', attorneyName: '', powers: '', validFrom: '', validUntil: '', notary: '' };

export function poaComplete(p: PoaDraft, idnValid: (v: string) => boolean): boolean {
  return idnValid(p.attorneyIin) && p.attorneyName.trim() !== '' && p.powers.trim() !== '' && p.notary.trim() !== '' && p.validFrom !== '' && p.validUntil >= p.validFrom;
}

export function poaEntered(p: PoaDraft) {
  return { attorneyIin: p.attorneyIin, attorneyName: p.attorneyName.trim(), powers: p.powers.trim(), validFrom: p.validFrom, validUntil: p.validUntil, notary: p.notary.trim() };
}

export function ManualPoa({ value, onChange }: { value: PoaDraft; onChange: (p: PoaDraft) => void }) {
  const { t } = useTranslation();
  const set = (field: keyof PoaDraft) => (v: string) => onChange({ ...value, [field]: v });
  return (
    <fieldset className="manual-entry" data-testid="manual-poa">
      <legend>{t('intake.poaManualTitle')}</legend>
      <p className="hint">{t('intake.manualHint')}</p>
      <IdnInput id="manual-attorney-iin" label={t('intake.attorneyIin')} value={value.attorneyIin} onChange={set('attorneyIin')} />
      <Field id="manual-attorney-name" label={t('intake.attorneyName')} value={value.attorneyName} onChange={set('attorneyName')} />
      <Field id="manual-powers" label={t('intake.powers')} value={value.powers} onChange={set('powers')} />
      <div className="row">
        <Field id="manual-valid-from" type="date" label={t('intake.validFrom')} value={value.validFrom} onChange={set('validFrom')} />
        <Field id="manual-valid-until" type="date" label={t('intake.validUntil')} value={value.validUntil} onChange={set('validUntil')} />
      </div>
      <Field id="manual-notary" label={t('intake.notary')} value={value.notary} onChange={set('notary')} />
    </fieldset>
  );
}
