import { useMemo, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Applicant, LicenceFound, PowerOfAttorney, RepresentationInput } from '../../../domain/api/contract';
import type { ApplicantKind, Catalogue, ProcedureCode } from '../../../domain/catalogue/catalogue';
import { isValidIdn } from '../../../domain/ids/iin-bin';
import { api } from '../api';
import { ErrorBox } from '../components/ErrorBox';
import { IdnInput } from '../components/IdnInput';
import { useAction } from '../components/use-action';
import { localized } from '../i18n';
import { applicantName } from '../components/applicant-name';
import { OriginalLicencePicker } from '../components/OriginalLicence';
import { localDay } from '../components/local-format';
import {
  applicantComplete,
  applicantEntered,
  EMPTY_APPLICANT,
  EMPTY_POA,
  gatewayDown,
  ManualApplicant,
  ManualPoa,
  poaComplete,
  poaEntered,
  type ApplicantDraft,
  type PoaDraft,
} from '../components/ManualEntry';

type RepKind = RepresentationInput['kind'];

/** Intake (diagram No. 2, processes 2–4): service, applicant looked up in the state databases, representative. */
export function Intake({ catalogue, onCreated }: { catalogue: Catalogue; onCreated: (id: string) => void }) {
  const { t } = useTranslation();
  const [serviceCode, setServiceCode] = useState(catalogue.services[0]!.code);
  const service = catalogue.services.find((s) => s.code === serviceCode)!;
  const [procedure, setProcedure] = useState<ProcedureCode>('issue');
  const [kind, setKind] = useState<ApplicantKind>(service.applicantKinds[0]!);
  const [idn, setIdn] = useState('');
  const [applicant, setApplicant] = useState<Applicant | null>(null);
  const [repKind, setRepKind] = useState<RepKind>('none');
  const [poaNumber, setPoaNumber] = useState('');
  const [poa, setPoa] = useState<PowerOfAttorney | null>(null);
  const [repName, setRepName] = useState('');
  const [repIin, setRepIin] = useState('');
  const [original, setOriginal] = useState<LicenceFound | null>(null);
  // Entered from the documents presented, only after the gateway failed to answer.
  const [manual, setManual] = useState<ApplicantDraft | null>(null);
  const [manualPoa, setManualPoa] = useState<PoaDraft | null>(null);
  const lookup = useAction();
  const poaLookup = useAction();
  const create = useAction();

  const procedures = useMemo(() => service.procedures.map((p) => p.code), [service]);

  function chooseService(code: string) {
    const next = catalogue.services.find((s) => s.code === code)!;
    setServiceCode(code);
    setOriginal(null);
    if (!next.procedures.some((p) => p.code === procedure)) setProcedure(next.procedures[0]!.code);
    if (!next.applicantKinds.includes(kind)) setKind(next.applicantKinds[0]!);
    setApplicant(null);
  }

  async function doLookup(who: { idn: string; kind: ApplicantKind } = { idn, kind }) {
    setApplicant(null);
    setManual(null);
    const found = await lookup.run(() => api['applicants.lookup'](who));
    if (found) setApplicant(found);
  }

  /** The licence holder is the applicant (a successor may ask for a reissue under its own BIN): looked up at once. */
  function chooseOriginal(licence: LicenceFound | null) {
    setOriginal(licence);
    if (!licence) return;
    setKind(licence.holderKind);
    setIdn(licence.holderIdn);
    void doLookup({ idn: licence.holderIdn, kind: licence.holderKind });
  }

  const needsOriginal = procedure !== 'issue';
  // A duplicate is given to the licence's holder only: the applicant is the one the licence names.
  const holderFixed = procedure === 'duplicate' && original !== null;

  async function doPoaLookup() {
    setPoa(null);
    setManualPoa(null);
    const found = await poaLookup.run(() => api['poa.lookup']({ registryNumber: poaNumber.trim() }));
    if (found) setPoa(found);
  }

  function representation(): RepresentationInput {
    if (repKind === 'notarised') return { kind: 'notarised', registryNumber: poaNumber.trim(), ...(manualPoa && !poa ? { entered: poaEntered(manualPoa) } : {}) };
    if (repKind === 'other') return { kind: 'other', fullName: repName, iin: repIin };
    return { kind: 'none' };
  }

  async function submit(e: FormEvent) {
    e.preventDefault();
    const created = await create.run(() =>
      api['applications.createDraft']({
        serviceCode,
        procedure,
        applicantKind: kind,
        applicantIdn: idn,
        representation: representation(),
        ...(needsOriginal && original ? { originalNumber: original.number } : {}),
        ...(manual && !applicant ? { applicantEntered: applicantEntered(kind, manual) } : {}),
      }),
    );
    if (created) onCreated(created.id);
  }

  const applicantReady = applicant !== null || (manual !== null && applicantComplete(manual));
  // The core refuses it too (applicant-liquidated): the button says so before anyone tries.
  const liquidated = applicant?.registrationStatus === 'liquidated';
  const poaReady = poa !== null || (manualPoa !== null && poaComplete(manualPoa, isValidIdn));
  const ready =
    applicantReady &&
    (!needsOriginal || original !== null) &&
    (repKind === 'none' || (repKind === 'notarised' && poaReady) || (repKind === 'other' && repName.trim() !== '' && isValidIdn(repIin)));
  const resetApplicant = () => {
    setApplicant(null);
    setManual(null);
  };

  return (
    <form className="card" onSubmit={submit}>
      <h1>{t('intake.title')}</h1>
      <div className="field">
        <label htmlFor="service">{t('intake.service')}</label>
        <select id="service" value={serviceCode} onChange={(e) => chooseService(e.target.value)}>
          {catalogue.services.map((s) => (
            <option key={s.code} value={s.code}>
              {localized(s.name)}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="procedure">{t('intake.procedure')}</label>
        <select id="procedure" value={procedure} onChange={(e) => { setProcedure(e.target.value as ProcedureCode); setOriginal(null); }}>
          {procedures.map((p) => (
            <option key={p} value={p}>
              {t(`procedure.${p}`)}
            </option>
          ))}
        </select>
      </div>
      {needsOriginal && <OriginalLicencePicker key={serviceCode} serviceCode={serviceCode} chosen={original} onChoose={chooseOriginal} />}
      {holderFixed && <p className="hint">{t('licences.duplicateHolder')}</p>}
      <fieldset disabled={holderFixed}>
        <legend>{t('intake.applicantKind')}</legend>
        {service.applicantKinds.map((k) => (
          <label key={k} className="inline">
            <input type="radio" name="applicant-kind" checked={kind === k} onChange={() => { setKind(k); resetApplicant(); }} />
            {t(`intake.${k}`)}
          </label>
        ))}
      </fieldset>
      <div className="row">
        <IdnInput
          id="applicant-idn"
          label={t('intake.idn')}
          value={idn}
          onChange={(v) => { setIdn(v); resetApplicant(); }}
          onEnter={() => isValidIdn(idn) && !lookup.busy && void doLookup()}
          autoFocus
          readOnly={holderFixed}
        />
        <button type="button" onClick={() => doLookup()} disabled={!isValidIdn(idn) || lookup.busy}>
          {lookup.busy ? t('common.working') : t('intake.lookup')}
        </button>
      </div>
      <ErrorBox message={lookup.error} />
      {gatewayDown(lookup.failure) && !manual && (
        <button type="button" onClick={() => setManual(EMPTY_APPLICANT)}>
          {t('intake.enterByHand')}
        </button>
      )}
      {manual && <ManualApplicant kind={kind} value={manual} onChange={setManual} />}
      {applicant && (
        <div className="applicant-card" data-testid="applicant-card">
          <strong>{applicantName(applicant)}</strong>
          <div>{applicant.address}</div>
          {applicant.head && <div>{applicant.head}</div>}
          {applicant.registrationStatus === 'liquidated' && <div className="bad">{t('intake.liquidated')}</div>}
          <small>{t('intake.found')}</small>
        </div>
      )}
      <fieldset>
        <legend>{t('intake.representation')}</legend>
        {(['none', 'notarised', 'other'] as const).map((k) => (
          <label key={k} className="inline">
            <input type="radio" name="rep-kind" checked={repKind === k} onChange={() => setRepKind(k)} />
            {t(`intake.rep${k[0]!.toUpperCase()}${k.slice(1)}`)}
          </label>
        ))}
      </fieldset>
      {repKind === 'notarised' && (
        <div className="row">
          <div className="field">
            <label htmlFor="poa-number">{t('intake.poaNumber')}</label>
            <input
              id="poa-number"
              value={poaNumber}
              onChange={(e) => { setPoaNumber(e.target.value); setPoa(null); setManualPoa(null); }}
              onKeyDown={(e) => {
                if (e.key !== 'Enter') return;
                e.preventDefault();
                if (poaNumber.trim().length >= 4 && !poaLookup.busy) void doPoaLookup();
              }}
            />
          </div>
          <button type="button" onClick={doPoaLookup} disabled={poaNumber.trim().length < 4 || poaLookup.busy}>
            {t('intake.poaLookup')}
          </button>
        </div>
      )}
      <ErrorBox message={poaLookup.error} />
      {repKind === 'notarised' && gatewayDown(poaLookup.failure) && !manualPoa && (
        <button type="button" onClick={() => setManualPoa(EMPTY_POA)}>
          {t('intake.enterByHand')}
        </button>
      )}
      {repKind === 'notarised' && manualPoa && <ManualPoa value={manualPoa} onChange={setManualPoa} />}
      {repKind === 'notarised' && poa && (
        <div className="applicant-card" data-testid="poa-card">
          <strong>{t('intake.poaFound')}: {poa.attorneyName} ({poa.attorneyIin})</strong>
          <div>{poa.powers}</div>
          <small>{poa.notary} · {localDay(poa.validFrom)} — {localDay(poa.validUntil)}</small>
        </div>
      )}
      {repKind === 'other' && (
        <div className="row">
          <div className="field">
            <label htmlFor="rep-name">{t('intake.repName')}</label>
            <input id="rep-name" value={repName} onChange={(e) => setRepName(e.target.value)} />
          </div>
          <IdnInput id="rep-iin" label={t('intake.repIin')} value={repIin} onChange={setRepIin} />
        </div>
      )}
      <ErrorBox message={create.error} />
      {liquidated && (
        <p className="hint" id="intake-liquidated" role="status">
          {t('intake.liquidatedNoApplication')}
        </p>
      )}
      <button type="submit" disabled={!ready || liquidated || create.busy} aria-describedby={liquidated ? 'intake-liquidated' : undefined}>
        {create.busy ? t('common.working') : t('intake.create')}
      </button>
    </form>
  );
}
