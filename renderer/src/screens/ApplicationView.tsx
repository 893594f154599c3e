import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { POA_SCAN_SLOT, type ApplicationDetail, type DocumentInfo, type User } from '../../../domain/api/contract';
import { findProcedure, type Catalogue } from '../../../domain/catalogue/catalogue';
import { AppError } from '../../../domain/api/errors';
import { api } from '../api';
import { ErrorBox, Notice } from '../components/ErrorBox';
import { fileToBase64, saveBase64 } from '../components/files';
import { useKeyFields } from '../components/KeyFields';
import { ScanTray } from '../components/ScanTray';
import { useTray } from '../components/use-tray';
import { useAction } from '../components/use-action';
import { localized } from '../i18n';
import { applicantName } from '../components/applicant-name';

interface Props {
  id: string;
  user: User;
  catalogue: Catalogue;
  onClosed: () => void;
}

const OCR_POLL_MS = 1500;

export function ApplicationView({ id, user, catalogue, onClosed }: Props) {
  const { t } = useTranslation();
  const [app, setApp] = useState<ApplicationDetail | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const action = useAction();

  useEffect(() => {
    void action.run(async () => setApp(await api['applications.get']({ id })));
  }, [id]);

  // OCR works in the background: while a document is being read, its progress is fetched again.
  const reading = app?.slots.some((s) => s.documents.some((d) => d.ocr?.status === 'queued')) ?? false;
  useEffect(() => {
    if (!reading) return;
    const timer = setInterval(() => void api['applications.get']({ id }).then(setApp, () => undefined), OCR_POLL_MS);
    return () => clearInterval(timer);
  }, [reading, id]);

  if (!app) return <ErrorBox message={action.error} />;

  const found = findProcedure(catalogue, app.serviceCode, app.procedure);
  const is = (role: User['roles'][number]) => user.roles.includes(role);
  const update = async (work: () => Promise<ApplicationDetail>, message?: (a: ApplicationDetail) => string) => {
    setNotice(null);
    const next = await action.run(async () => {
      try {
        return await work();
      } catch (error) {
        throw withNames(error, catalogue, app, t);
      }
    });
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
      {app.status !== 'draft' && <FormSignature id={app.id} />}

      <Documents app={app} editable={app.status === 'draft' && is('clerk')} catalogue={catalogue} update={update} />

      {app.status === 'draft' && is('clerk') && (
        <Register
          app={app}
          update={update}
          busy={action.busy}
          onDiscarded={async () => {
            if (await action.run(() => api['applications.discardDraft']({ id }))) onClosed();
          }}
        />
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

/** Errors name slots and checklist items by code; the clerk should read the documents' and requirements' names. */
function withNames(error: unknown, catalogue: Catalogue, app: ApplicationDetail, t: (key: string) => string): unknown {
  if (!(error instanceof AppError) || !error.params) return error;
  const found = findProcedure(catalogue, app.serviceCode, app.procedure)?.procedure;
  const name = (code: string) =>
    code === POA_SCAN_SLOT
      ? t('application.poaScan')
      : localized(found?.documents.find((d) => d.code === code)?.name ?? found?.qualification.find((q) => q.code === code)?.text) || code;
  const params = { ...error.params };
  for (const key of ['slots', 'items'] as const) {
    if (typeof params[key] === 'string') params[key] = String(params[key]).split(',').map(name).join('; ');
  }
  return new AppError(error.code, error.reason, params);
}

/** Where text recognition of a document stands, and IINs/BINs in its text that belong to nobody in the application. */
function OcrState({ document: d }: { document: DocumentInfo }) {
  const { t } = useTranslation();
  return (
    <>
      {d.ocr && (
        <small className={`ocr ocr-${d.ocr.status}`}>
          {' · '}
          {d.ocr.status === 'queued' ? t('ocr.reading', { done: d.ocr.pagesDone, total: d.ocr.pagesTotal }) : t(`ocr.${d.ocr.status}`)}
        </small>
      )}
      {d.foreignIdentifiers.length > 0 && (
        <div className="warning" role="alert" data-testid="foreign-identifiers">
          {t('ocr.foreignIdentifiers', { identifiers: d.foreignIdentifiers.join(', ') })}
        </div>
      )}
    </>
  );
}

function Documents({ app, editable, catalogue, update }: { app: ApplicationDetail; editable: boolean; catalogue: Catalogue; update: Update }) {
  const { t } = useTranslation();
  const documents = findProcedure(catalogue, app.serviceCode, app.procedure)?.procedure.documents ?? [];
  const slotName = (code: string) => (code === POA_SCAN_SLOT ? t('application.poaScan') : localized(documents.find((d) => d.code === code)?.name) || code);
  const tray = useTray();
  return (
    <div className="card">
      <h2>{t('application.documents')}</h2>
      {editable && <ScanTray tray={tray} />}
      {app.slots.map((slot) => (
        <div className="slot" key={slot.code} data-testid={`slot-${slot.code}`}>
          <div className="slot-head">
            <strong>{slotName(slot.code)}</strong> <small>({slot.required ? t('application.required') : t('application.optional')})</small>
          </div>
          <ul>
            {slot.documents.map((d) => (
              <li key={d.id} data-testid="document">
                {d.fileName} · {d.pages} {t('application.pages')} · {Math.ceil(d.size / 1024)} KB
                <OcrState document={d} />
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
              {tray.pages.length > 0 && (
                <button
                  type="button"
                  onClick={async () => {
                    await update(() => api['scanner.attach']({ applicationId: app.id, slotCode: slot.code, pageIds: tray.pages.map((p) => p.id) }));
                    await tray.refresh();
                  }}
                >
                  {t('scan.attachHere', { count: tray.pages.length })}
                </button>
              )}
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
  const key = useKeyFields('decision');
  const [reason, setReason] = useState('');
  const allMet = app.checklist.every((c) => c.met === true);

  async function sign(kind: 'licence' | 'refusal') {
    const input = await key.take();
    await update(
      () =>
        kind === 'licence'
          ? api['decisions.issueLicence']({ applicationId: app.id, ...input })
          : api['decisions.refuse']({ applicationId: app.id, reason, ...input }),
      (a) => t('application.signed', { number: a.decision?.number }),
    );
  }

  return (
    <div className="card">
      <h2>{t('application.decision')}</h2>
      {key.fields}
      <div className="actions">
        <button type="button" disabled={!key.ready || !allMet} onClick={() => sign('licence')}>
          {t('application.signLicence')}
        </button>
      </div>
      <div className="field">
        <label htmlFor="refusal-reason">{t('application.refusalReason')}</label>
        <textarea id="refusal-reason" rows={3} value={reason} onChange={(e) => setReason(e.target.value)} />
      </div>
      <div className="actions">
        <button type="button" className="danger" disabled={!key.ready || reason.trim() === ''} onClick={() => sign('refusal')}>
          {t('application.signRefusal')}
        </button>
        <button
          type="button"
          className="secondary"
          disabled={reason.trim() === ''}
          title={t('application.returnHint')}
          onClick={() => update(() => api['applications.returnToExecutor']({ id: app.id, note: reason }))}
        >
          {t('application.returnToExecutor')}
        </button>
      </div>
    </div>
  );
}

/** The clerk's EDS on the registered form, checked against the form as stored now. */
function FormSignature({ id }: { id: string }) {
  const { t } = useTranslation();
  const [result, setResult] = useState<Awaited<ReturnType<(typeof api)['applications.verifyForm']>> | null>(null);
  const check = useAction();
  return (
    <div className="row" data-testid="form-signature">
      <button type="button" className="secondary" onClick={async () => setResult((await check.run(() => api['applications.verifyForm']({ id }))) ?? null)}>
        {t('application.checkFormSignature')}
      </button>
      {result && (
        <span className={result.valid ? 'hint good' : 'hint bad'} role="status">
          {result.valid ? t('application.formSignatureValid', { name: result.signer?.name, iin: result.signer?.iin }) : t('application.formSignatureInvalid')}
          {result.problems.length > 0 && ` (${result.problems.map((p) => t(`verify.problem.${p}`, { defaultValue: p })).join('; ')})`}
        </span>
      )}
      <ErrorBox message={check.error} />
    </div>
  );
}

/** Registration: the clerk certifies the filled form with their EDS key, and the application gets its journal number. */
function Register({ app, update, onDiscarded, busy }: { app: ApplicationDetail; update: Update; onDiscarded: () => void; busy: boolean }) {
  const { t } = useTranslation();
  const key = useKeyFields('register');
  return (
    <div className="card">
      <h2>{t('application.certifyAndRegister')}</h2>
      {key.fields}
      <div className="actions">
        <button
          type="button"
          disabled={busy || !key.ready}
          onClick={async () => {
            const input = await key.take();
            await update(() => api['applications.register']({ id: app.id, ...input }), (a) => t('application.registered', { number: a.journalNumber }));
          }}
        >
          {t('application.register')}
        </button>
        <button type="button" className="secondary" disabled={busy} onClick={onDiscarded}>
          {t('application.discard')}
        </button>
      </div>
    </div>
  );
}
