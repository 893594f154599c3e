import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApplicationDetail, User } from '../../../../domain/api/contract';
import { can } from '../../../../domain/api/can';
import { findProcedure, type Catalogue } from '../../../../domain/catalogue/catalogue';
import { api } from '../../api';
import { ErrorBox, Notice } from '../../components/ErrorBox';
import { useAction } from '../../components/use-action';
import { localized } from '../../i18n';
import { applicantName } from '../../components/applicant-name';
import { AssignPanel } from './AssignPanel';
import { ChecklistPanel } from './ChecklistPanel';
import { DecisionCard } from './DecisionCard';
import { DecisionPanel } from './DecisionPanel';
import { DocumentsPanel } from './DocumentsPanel';
import { FormSignature } from './FormSignature';
import { RegisterPanel } from './RegisterPanel';
import { SyncState } from './SyncState';
import { StepsPanel } from './StepsPanel';
import { HandoutPanel } from './HandoutPanel';
import { IncompletePanel } from './IncompletePanel';
import { IdentityPanel } from './IdentityPanel';
import { DocumentViewer, type Viewed } from './DocumentViewer';
import { LicenceDraftPanel } from './LicenceDraftPanel';
import type { DecisionPreview } from './DecisionPanel';
import { withNames, type Update } from './update';
import { localDay } from '../../components/local-format';
import { LicenceSummary } from '../../components/OriginalLicence';
import { resultOf, statusText } from '../../components/result-words';

interface Props {
  id: string;
  user: User;
  catalogue: Catalogue;
  onClosed: () => void;
}

const OCR_POLL_MS = 1500;

type Panel = 'identity' | 'steps' | 'documents' | 'register' | 'assign' | 'checklist' | 'draft' | 'incomplete' | 'decision' | 'handout';
const SYNC_POLL_MS = 3000;

export function ApplicationView({ id, user, catalogue, onClosed }: Props) {
  const { t } = useTranslation();
  const [app, setApp] = useState<ApplicationDetail | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  // Where the user last acted: its result (error or notice) shows beside that panel, not at the page's top.
  const [actedIn, setActedIn] = useState<Panel | null>(null);
  const action = useAction();
  // The document open beside the application, and its page: the checklist may point an item at it.
  const [open, setOpen] = useState<{ documentId: string; page: number } | { preview: true; page: number } | null>(null);
  // The decision's document the head last looked at: the one their signature goes on.
  const [preview, setPreview] = useState<DecisionPreview | null>(null);

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

  // What waits for the registry is sent in the background: its answer (accepted, or refused and why) shows when it comes.
  const awaitingRegistry = app?.sync.state === 'local' && app.sync.waiting > 0;
  useEffect(() => {
    if (!awaitingRegistry) return;
    const timer = setInterval(() => void api['applications.get']({ id }).then(setApp, () => undefined), SYNC_POLL_MS);
    return () => clearInterval(timer);
  }, [awaitingRegistry, id]);

  if (!app)
    return action.error ? (
      <ErrorBox message={action.error} />
    ) : (
      <p role="status" className="muted">
        {t('common.loading')}
      </p>
    );

  const found = findProcedure(catalogue, app.serviceCode, app.procedure);
  const result = resultOf(catalogue, app.serviceCode);
  // Which panels and buttons to show: the same rule the core enforces (domain/api/can).
  const may = (call: Parameters<typeof can>[1]) => can(user, call, app);
  const unverified = app.identityChecks.some((c) => c.subject === 'applicant' && (c.state === 'pending' || c.state === 'differs'));
  const updateFrom = (panel: Panel): Update => async (work, message) => {
    setActedIn(panel);
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

  const viewedDocument = open && 'documentId' in open ? app.slots.flatMap((s) => s.documents).find((d) => d.id === open.documentId) : undefined;
  const viewing = open && viewedDocument ? { document: viewedDocument, page: Math.min(open.page, viewedDocument.pages) } : null;
  const viewed: { what: Viewed; key: string; page: number } | null = viewing
    ? { what: { kind: 'document', document: viewing.document }, key: viewing.document.id, page: viewing.page }
    : open && 'preview' in open && preview
      ? { what: { kind: 'preview', fileName: preview.fileName, number: preview.number, sha256: preview.sha256, bytes: preview.bytes }, key: preview.sha256, page: open.page }
      : null;

  const feedbackFor = (panel: Panel | null) =>
    actedIn === panel && (
      <div className="feedback" aria-live="polite">
        <Notice message={notice} />
        <ErrorBox message={action.error} />
      </div>
    );

  return (
    <div className={viewed ? 'application-with-viewer' : undefined}>
      <section className="application">
        <h1>
          {t('application.title')} {app.journalNumber ?? `(${t('application.notRegistered')})`}
        </h1>
        <p className={`status status-${app.status}`} data-testid="application-status">
          {statusText(t, app.status, result)}
        </p>
        <dl className="facts">
          <dt>{t('intake.service')}</dt>
          <dd>
            {localized(found?.service.name)} · {t(`procedure.${app.procedure}`)}
          </dd>
          {app.original && (
            <>
              <dt>{t('licences.original')}</dt>
              <dd data-testid="application-original">
                <LicenceSummary licence={app.original} />
              </dd>
            </>
          )}
          {app.licence && app.licence.state !== 'in-force' && (
            <>
              <dt>{t('licences.licence')}</dt>
              <dd data-testid="application-licence-state">
                <LicenceSummary licence={app.licence} />
              </dd>
            </>
          )}
          <dt>{t('application.applicant')}</dt>
          <dd>
            {applicantName(app.applicant)} ({app.applicant.idn})
            {unverified && (
              <span className="bad" data-testid="applicant-unverified">
                {' '}
                · {t('intake.notVerified')}
              </span>
            )}
          </dd>
          <dt>{t('application.address')}</dt>
          <dd>{app.applicant.address}</dd>
          {app.representation.kind !== 'none' && (
            <>
              <dt>{t('application.representative')}</dt>
              <dd>
                {app.representation.kind === 'notarised'
                  ? `${app.representation.poa.attorneyName} — ${t('application.poa', { number: app.representation.poa.registryNumber, until: localDay(app.representation.poa.validUntil) })}`
                  : `${app.representation.fullName} (${app.representation.iin})`}
              </dd>
            </>
          )}
          {app.dueDate && (
            <>
              <dt>{t('application.due')}</dt>
              <dd>{localDay(app.dueDate)}</dd>
            </>
          )}
          {app.executorName && (
            <>
              <dt>{t('application.executor')}</dt>
              <dd>{app.executorName}</dd>
            </>
          )}
        </dl>
        <IdentityPanel app={app} canCheck={may('applications.checkIdentity')} canResolve={may('applications.resolveIdentity')} update={updateFrom('identity')} />
        {feedbackFor('identity')}
        {app.status !== 'draft' && <SyncState sync={app.sync} />}
        {feedbackFor(null)}
        <StepsPanel app={app} canConfirmComplete={may('applications.confirmComplete')} update={updateFrom('steps')} />
        {feedbackFor('steps')}
        {may('applications.verifyForm') && <FormSignature id={app.id} />}

        <DocumentsPanel app={app} editable={may('documents.attach')} catalogue={catalogue} update={updateFrom('documents')} onOpen={(documentId) => setOpen({ documentId, page: 1 })} />
        {feedbackFor('documents')}

        {may('applications.register') && (
          <RegisterPanel
            app={app}
            update={updateFrom('register')}
            busy={action.busy}
            canDiscard={may('applications.discardDraft')}
            onDiscarded={async () => {
              setActedIn('register');
              if (await action.run(() => api['applications.discardDraft']({ id }))) onClosed();
            }}
          />
        )}
        {feedbackFor('register')}

        {may('applications.assign') && <AssignPanel app={app} update={updateFrom('assign')} />}
        {feedbackFor('assign')}

        {app.checklist.length > 0 && app.status !== 'draft' && app.status !== 'registered' && (
          <ChecklistPanel app={app} catalogue={catalogue} editable={may('checklist.set')} canSubmit={may('applications.submitForDecision')} update={updateFrom('checklist')}
            onSaved={setApp}
            viewing={viewing}
            onOpenEvidence={(evidence) => setOpen(evidence)}
          />
        )}
        {feedbackFor('checklist')}

        {app.procedure !== 'duplicate' && app.status !== 'draft' && app.status !== 'registered' && (may('decisions.saveDraft') || app.licenceDraft) && (
          <LicenceDraftPanel app={app} catalogue={catalogue} result={result} editable={may('decisions.saveDraft')} update={updateFrom('draft')} />
        )}
        {feedbackFor('draft')}

        {app.step?.code === 'completeness' && may('applications.proposeConsiderationRefusal') && <IncompletePanel app={app} catalogue={catalogue} update={updateFrom('incomplete')} />}
        {feedbackFor('incomplete')}

        {(may('decisions.issueLicence') || may('decisions.refuse')) && (
          <DecisionPanel
            app={app}
            catalogue={catalogue}
            result={result}
            update={updateFrom('decision')}
            canReturn={may('applications.returnToExecutor')}
            feedback={feedbackFor('decision')}
            preview={preview}
            onPreview={(made) => {
              setPreview(made);
              setOpen(made ? { preview: true, page: 1 } : null);
            }}
          />
        )}

        {app.decisionElsewhere && (
          <p className={app.decisionElsewhere.problem ? 'error' : 'notice'} role="status" data-testid="decision-elsewhere">
            {app.decisionElsewhere.problem
              ? t('handout.elsewhereProblem', { number: app.decisionElsewhere.number })
              : t('handout.elsewhereWaiting', { number: app.decisionElsewhere.number })}
          </p>
        )}
        {app.decision && <DecisionCard decision={app.decision} duplicate={app.procedure === 'duplicate'} result={result} />}

        {app.decision && <HandoutPanel app={app} canHandOut={may('applications.handOut')} canSurvey={may('applications.recordSurvey')} update={updateFrom('handout')} />}
        {feedbackFor('handout')}
      </section>
      {viewed && (
        <DocumentViewer
          key={viewed.key}
          viewed={viewed.what}
          page={viewed.page}
          onPage={(page) => setOpen(viewed.what.kind === 'document' ? { documentId: viewed.what.document.id, page } : { preview: true, page })}
          onClose={() => setOpen(null)}
        />
      )}
    </div>
  );
}
