import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { POA_SCAN_SLOT, type ApplicationDetail, type KeyCertificate, type User } from '../../../domain/api/contract';
import { findProcedure, type Catalogue } from '../../../domain/catalogue/catalogue';
import { api } from '../api';
import { ErrorBox, Notice } from '../components/ErrorBox';
import { fileToBase64, saveBase64 } from '../components/files';
import { useAction } from '../components/use-action';
import { localized } from '../i18n';
import { applicantName } from '../components/applicant-name';

interface Props {
  id: string;
  user: User;
  catalogue: Catalogue;
  onClosed: () => void;
}

export function ApplicationView({ id, user, catalogue, onClosed }: Props) {
  const { t } = useTranslation();
  const [app, setApp] = useState<ApplicationDetail | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const action = useAction();

  useEffect(() => {
    void action.run(async () => setApp(await api['applications.get']({ id })));
  }, [id]);

  if (!app) return <ErrorBox message={action.error} />;

  const found = findProcedure(catalogue, app.serviceCode, app.procedure);
  const is = (role: User['roles'][number]) => user.roles.includes(role);
  const update = async (work: () => Promise<ApplicationDetail>, message?: (a: ApplicationDetail) => string) => {
    setNotice(null);
    const next = await action.run(work);
    if (next) {
      setApp(next);
      if (message) setNotice(message(next));
    }
  };

  return (
    <section className="application">
      <h1>
        {t('application.title')} {app.journalNumber ?? `(${t('application.notRegistered')})`}
      </h1>
      <p className={`status status-${app.status}`} data-testid="application-status">
        {t(`status.${app.status}`)}
      </p>
      <dl className="facts">
        <dt>{t('intake.service')}</dt>
        <dd>
          {localized(found?.service.name)} · {t(`procedure.${app.procedure}`)}
        </dd>
        <dt>{t('application.applicant')}</dt>
        <dd>
          {applicantName(app.applicant)} ({app.applicant.idn})
        </dd>
        <dt>{t('application.address')}</dt>
        <dd>{app.applicant.address}</dd>
        {app.representation.kind !== 'none' && (
          <>
            <dt>{t('application.representative')}</dt>
            <dd>
              {app.representation.kind === 'notarised'
                ? `${app.representation.poa.attorneyName} — ${t('application.poa', { number: app.representation.poa.registryNumber, until: app.representation.poa.validUntil })}`
                : `${app.representation.fullName} (${app.representation.iin})`}
            </dd>
          </>
        )}
        {app.dueDate && (
          <>
            <dt>{t('application.due')}</dt>
            <dd>{app.dueDate}</dd>
          </>
        )}
        {app.executorName && (
          <>
            <dt>{t('application.executor')}</dt>
            <dd>{app.executorName}</dd>
          </>
        )}
      </dl>
      <Notice message={notice} />
      <ErrorBox message={action.error} />

      <Documents app={app} editable={app.status === 'draft' && is('clerk')} catalogue={catalogue} update={update} />

      {app.status === 'draft' && is('clerk') && (
        <div className="actions">
          <button type="button" disabled={action.busy} onClick={() => update(() => api['applications.register']({ id }), (a) => t('application.registered', { number: a.journalNumber }))}>
            {t('application.register')}
          </button>
          <button
            type="button"
            className="secondary"
            disabled={action.busy}
            onClick={async () => {
              if (await action.run(() => api['applications.discardDraft']({ id }))) onClosed();
            }}
          >
            {t('application.discard')}
          </button>
        </div>
      )}

      {(app.status === 'registered' || app.status === 'assigned') && is('head') && <Assign app={app} update={update} />}

      {app.checklist.length > 0 && app.status !== 'draft' && app.status !== 'registered' && (
        <Checklist app={app} catalogue={catalogue} editable={app.status === 'assigned' && app.executorId === user.id} update={update} />
      )}

      {app.status === 'ready-for-decision' && is('head') && <Decide app={app} update={update} />}

      {app.decision && (
        <div className="card decision" data-testid="decision">
          <h2>{app.decision.kind === 'licence' ? t('application.licence') : t('application.refusal')}</h2>
          <p>
            {t('application.number')}: <strong data-testid="decision-number">{app.decision.number}</strong>
          </p>
          <p>
            {t('application.signedBy')}: {app.decision.signerName} ({app.decision.signerIin}), {new Date(app.decision.signedAt).toLocaleString()}
          </p>
          <button
            type="button"
            onClick={() =>
              action.run(async () => {
                const pdf = await api['decisions.pdf']({ decisionId: app.decision!.id });
                saveBase64(pdf.fileName, pdf.contentBase64, 'application/pdf');
              })
            }
          >
            {t('application.savePdf')}
          </button>
        </div>
      )}
    </section>
  );
}

type Update = (work: () => Promise<ApplicationDetail>, message?: (a: ApplicationDetail) => string) => Promise<void>;

function Documents({ app, editable, catalogue, update }: { app: ApplicationDetail; editable: boolean; catalogue: Catalogue; update: Update }) {
  const { t } = useTranslation();
  const documents = findProcedure(catalogue, app.serviceCode, app.procedure)?.procedure.documents ?? [];
  const slotName = (code: string) => (code === POA_SCAN_SLOT ? t('application.poaScan') : localized(documents.find((d) => d.code === code)?.name) || code);
  return (
    <div className="card">
      <h2>{t('application.documents')}</h2>
      {app.slots.map((slot) => (
        <div className="slot" key={slot.code} data-testid={`slot-${slot.code}`}>
          <div className="slot-head">
            <strong>{slotName(slot.code)}</strong> <small>({slot.required ? t('application.required') : t('application.optional')})</small>
          </div>
          <ul>
            {slot.documents.map((d) => (
              <li key={d.id}>
                {d.fileName} · {d.pages} {t('application.pages')} · {Math.ceil(d.size / 1024)} KB
                {editable && (
                  <button type="button" className="link" onClick={() => update(() => api['documents.remove']({ documentId: d.id }))}>
                    {t('application.remove')}
                  </button>
                )}
              </li>
            ))}
          </ul>
          {editable && (
            <div className="row">
              <label className="file">
                {t('application.attach')}: {slotName(slot.code)}
                <input
                  type="file"
                  accept="application/pdf,image/jpeg,image/png"
                  onChange={async (e) => {
                    const file = e.target.files?.[0];
                    e.target.value = '';
                    if (!file) return;
                    await update(async () =>
                      api['documents.attach']({ applicationId: app.id, slotCode: slot.code, fileName: file.name, contentBase64: await fileToBase64(file) }),
                    );
                  }}
                />
              </label>
              <label className="inline">
                <input
                  type="checkbox"
                  checked={slot.paperPresented}
                  onChange={(e) => update(() => api['documents.setPaperPresented']({ applicationId: app.id, slotCode: slot.code, presented: e.target.checked }))}
                />
                {t('application.paper')}
              </label>
            </div>
          )}
          {!editable && slot.paperPresented && <small>✓ {t('application.paper')}</small>}
        </div>
      ))}
    </div>
  );
}

function Assign({ app, update }: { app: ApplicationDetail; update: Update }) {
  const { t } = useTranslation();
  const [executors, setExecutors] = useState<User[]>([]);
  const [executorId, setExecutorId] = useState(app.executorId ?? '');
  useEffect(() => {
    void api['users.list']({}).then((users) => setExecutors(users.filter((u) => u.roles.includes('executor'))));
  }, []);
  return (
    <div className="card row">
      <div className="field">
        <label htmlFor="executor">{t('application.executor')}</label>
        <select id="executor" value={executorId} onChange={(e) => setExecutorId(e.target.value)}>
          <option value="" />
          {executors.map((u) => (
            <option key={u.id} value={u.id}>
              {u.fullName}
            </option>
          ))}
        </select>
      </div>
      <button type="button" disabled={!executorId} onClick={() => update(() => api['applications.assign']({ id: app.id, executorId }))}>
        {t('application.assign')}
      </button>
    </div>
  );
}

function Checklist({ app, catalogue, editable, update }: { app: ApplicationDetail; catalogue: Catalogue; editable: boolean; update: Update }) {
  const { t } = useTranslation();
  const items = findProcedure(catalogue, app.serviceCode, app.procedure)?.procedure.qualification ?? [];
  const [notes, setNotes] = useState<Record<string, string>>(Object.fromEntries(app.checklist.map((c) => [c.code, c.note])));
  const set = (code: string, met: boolean) => update(() => api['checklist.set']({ applicationId: app.id, itemCode: code, met, note: notes[code] ?? '' }));
  return (
    <div className="card">
      <h2>{t('application.checklist')}</h2>
      {app.checklist.map((entry, index) => {
        const text = localized(items.find((i) => i.code === entry.code)?.text) || entry.code;
        return (
          <fieldset key={entry.code} className="check" data-testid={`check-${entry.code}`}>
            <legend>
              {index + 1}. {text}
            </legend>
            <label className="inline">
              <input type="radio" name={`check-${entry.code}`} checked={entry.met === true} disabled={!editable} onChange={() => set(entry.code, true)} />
              {t('application.met')}
            </label>
            <label className="inline">
              <input type="radio" name={`check-${entry.code}`} checked={entry.met === false} disabled={!editable} onChange={() => set(entry.code, false)} />
              {t('application.notMet')}
            </label>
            <input
              aria-label={`${t('application.note')}: ${text}`}
              placeholder={t('application.note')}
              value={notes[entry.code] ?? ''}
              disabled={!editable}
              onChange={(e) => setNotes({ ...notes, [entry.code]: e.target.value })}
              onBlur={() => entry.met !== null && (notes[entry.code] ?? '') !== entry.note && set(entry.code, entry.met)}
            />
          </fieldset>
        );
      })}
      {editable && (
        <button type="button" disabled={app.checklist.some((c) => c.met === null)} onClick={() => update(() => api['applications.submitForDecision']({ id: app.id }))}>
          {t('application.submit')}
        </button>
      )}
    </div>
  );
}

function Decide({ app, update }: { app: ApplicationDetail; update: Update }) {
  const { t } = useTranslation();
  const [keyFile, setKeyFile] = useState<File | null>(null);
  const [password, setPassword] = useState('');
  const [reason, setReason] = useState('');
  const [certificates, setCertificates] = useState<KeyCertificate[] | null>(null);
  const [keyIndex, setKeyIndex] = useState<number | undefined>(undefined);
  const inspect = useAction();
  const allMet = app.checklist.every((c) => c.met === true);

  async function showCertificates() {
    if (!keyFile) return;
    const found = await inspect.run(async () => api['keys.inspect']({ keyFileBase64: await fileToBase64(keyFile), keyPassword: password }));
    if (found) {
      setCertificates(found);
      setKeyIndex(found.length === 1 ? 0 : undefined);
    }
  }

  async function sign(kind: 'licence' | 'refusal') {
    if (!keyFile) return;
    const keyFileBase64 = await fileToBase64(keyFile);
    const keyPassword = password;
    setPassword('');
    setCertificates(null);
    const choice = keyIndex === undefined ? {} : { keyIndex };
    await update(
      () =>
        kind === 'licence'
          ? api['decisions.issueLicence']({ applicationId: app.id, keyFileBase64, keyPassword, ...choice })
          : api['decisions.refuse']({ applicationId: app.id, keyFileBase64, keyPassword, reason, ...choice }),
      (a) => t('application.signed', { number: a.decision?.number }),
    );
  }

  return (
    <div className="card">
      <h2>{t('application.decision')}</h2>
      <div className="field">
        <label htmlFor="key-file">{t('application.keyFile')}</label>
        <input id="key-file" type="file" accept=".p12,.pfx,application/x-pkcs12" onChange={(e) => setKeyFile(e.target.files?.[0] ?? null)} />
        {keyFile && /^(GOSTKNCA|GOST512)_/i.test(keyFile.name) && <small className="hint bad">{t('application.gostKeyHint')}</small>}
        {keyFile && /^AUTH_/i.test(keyFile.name) && <small className="hint bad">{t('application.authKeyHint')}</small>}
      </div>
      <div className="field">
        <label htmlFor="key-password">{t('application.keyPassword')}</label>
        <input id="key-password" type="password" autoComplete="off" value={password} onChange={(e) => setPassword(e.target.value)} />
        <small className="hint">{t('application.keyPasswordHint')}</small>
      </div>
      <button type="button" className="secondary" disabled={!keyFile || !password || inspect.busy} onClick={showCertificates}>
        {t('application.showCertificate')}
      </button>
      <ErrorBox message={inspect.error} />
      {certificates?.map((c) => (
        <label key={c.index} className="applicant-card" data-testid="key-certificate">
          {certificates.length > 1 && <input type="radio" name="key-choice" checked={keyIndex === c.index} onChange={() => setKeyIndex(c.index)} />}
          <strong>
            {[c.commonName, c.patronymic].filter(Boolean).join(' ')} · {t('verify.iin')} {c.iin ?? '—'} · {t('verify.bin')} {c.bin ?? '—'}
          </strong>
          <span>{c.organization}</span>
          <span>
            {t(`application.keyPurpose.${c.purpose}`)} · {c.roles.map((r) => t(`verify.roles.${r}`)).join(', ')}
          </span>
          <small>
            {new Date(c.notBefore).toLocaleDateString()} — {new Date(c.notAfter).toLocaleDateString()} · {c.issuer}
          </small>
        </label>
      ))}
      <div className="actions">
        <button type="button" disabled={!keyFile || !password || !allMet} onClick={() => sign('licence')}>
          {t('application.signLicence')}
        </button>
      </div>
      <div className="field">
        <label htmlFor="refusal-reason">{t('application.refusalReason')}</label>
        <textarea id="refusal-reason" rows={3} value={reason} onChange={(e) => setReason(e.target.value)} />
      </div>
      <button type="button" className="danger" disabled={!keyFile || !password || reason.trim() === ''} onClick={() => sign('refusal')}>
        {t('application.signRefusal')}
      </button>
    </div>
  );
}
