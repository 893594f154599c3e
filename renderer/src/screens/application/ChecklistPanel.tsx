import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApplicationDetail, DocumentInfo, DocumentPage } from '../../../../domain/api/contract';
import { findProcedure, type Catalogue } from '../../../../domain/catalogue/catalogue';
import { api } from '../../api';
import { IconButton } from '../../components/IconButton';
import { errorMessage, localized } from '../../i18n';
import type { Update } from './update';

type Saving = { state: 'saving'; met: boolean | null } | { state: 'saved' } | { state: 'failed'; message: string };

interface Props {
  app: ApplicationDetail;
  catalogue: Catalogue;
  editable: boolean;
  canSubmit: boolean;
  update: Update;
  /** Takes the application as a saved answer left it. */
  onSaved: (app: ApplicationDetail) => void;
  /** The document page open in the viewer, which the executor may point an item at. */
  viewing: { document: DocumentInfo; page: number } | null;
  onOpenEvidence: (evidence: DocumentPage) => void;
}

/**
 * The qualification checklist: the assigned executor marks each requirement met or not (why), then proposes a decision.
 * Each answer shows at once and is saved on its own, in the order given, outside the page's one-action-at-a-time
 * rule (which dropped a click made while the previous answer was still saving); each item says when it is saved.
 */
export function ChecklistPanel({ app, catalogue, editable, canSubmit, update, onSaved, viewing, onOpenEvidence }: Props) {
  const { t } = useTranslation();
  const items = findProcedure(catalogue, app.serviceCode, app.procedure)?.procedure.qualification ?? [];
  const [notes, setNotes] = useState<Record<string, string>>(Object.fromEntries(app.checklist.map((c) => [c.code, c.note])));
  const [saving, setSaving] = useState<Record<string, Saving>>({});
  const queue = useRef<Promise<void>>(Promise.resolve());
  const mark = (code: string, next: Saving) => setSaving((current) => ({ ...current, [code]: next }));
  const documents = new Map(app.slots.flatMap((s) => s.documents).map((d) => [d.id, d]));
  const save = (code: string, met: boolean | null, call: () => Promise<ApplicationDetail>) => {
    mark(code, { state: 'saving', met });
    queue.current = queue.current.then(() =>
      call().then(
        (saved) => {
          onSaved(saved);
          // A later click on the same item may be waiting: only the last answer's save says "saved".
          setSaving((current) => (current[code]?.state === 'saving' && current[code].met !== met ? current : { ...current, [code]: { state: 'saved' } }));
        },
        (error: unknown) => mark(code, { state: 'failed', message: errorMessage(error) }),
      ),
    );
  };
  // "Not met" needs its reason: chosen with no note yet, it waits for the note (the field gets the focus) and is saved as the note is left.
  const [awaitingNote, setAwaitingNote] = useState<Record<string, boolean>>({});
  const set = (code: string, met: boolean) => {
    const note = notes[code] ?? '';
    if (!met && note.trim() === '') {
      setAwaitingNote((current) => ({ ...current, [code]: true }));
      document.getElementById(`check-note-${code}`)?.focus();
      return;
    }
    setAwaitingNote((current) => ({ ...current, [code]: false }));
    save(code, met, () => api['checklist.set']({ applicationId: app.id, itemCode: code, met, note }));
  };
  // Pointing at a page keeps the shown answer as it is; it is saved in the same order as the answers.
  const point = (code: string, met: boolean | null, evidence: DocumentPage | null) =>
    save(code, met, () => api['checklist.setEvidence']({ applicationId: app.id, itemCode: code, evidence }));
  const stillSaving = Object.values(saving).some((s) => s.state === 'saving');
  return (
    <div className="card">
      <h2>{t('application.checklist')}</h2>
      {app.checklist.map((entry, index) => {
        const text = localized(items.find((i) => i.code === entry.code)?.text) || entry.code;
        const status = saving[entry.code];
        const met = awaitingNote[entry.code] ? false : status?.state === 'saving' ? status.met : entry.met;
        return (
          <fieldset key={entry.code} className="check" data-testid={`check-${entry.code}`}>
            <legend>
              {index + 1}. {text}
            </legend>
            <label className="inline">
              <input type="radio" name={`check-${entry.code}`} checked={met === true} disabled={!editable} onChange={() => set(entry.code, true)} />
              {t('application.met')}
            </label>
            <label className="inline">
              <input type="radio" name={`check-${entry.code}`} checked={met === false} disabled={!editable} onChange={() => set(entry.code, false)} />
              {t('application.notMet')}
            </label>
            <input
              id={`check-note-${entry.code}`}
              aria-label={`${t('application.note')}: ${text}`}
              placeholder={awaitingNote[entry.code] ? t('application.notMetNeedsNote') : t('application.note')}
              aria-invalid={awaitingNote[entry.code] ? true : undefined}
              value={notes[entry.code] ?? ''}
              disabled={!editable}
              onChange={(e) => setNotes({ ...notes, [entry.code]: e.target.value })}
              onBlur={() => {
                const note = notes[entry.code] ?? '';
                const changed = awaitingNote[entry.code] ? note.trim() !== '' : note !== entry.note;
                if (met !== null && changed) set(entry.code, met);
              }}
            />
            {awaitingNote[entry.code] && (
              <span className="hint" role="status">
                {t('application.notMetNeedsNote')}
              </span>
            )}
            <Evidence
              item={text}
              evidence={entry.evidence}
              document={entry.evidence ? documents.get(entry.evidence.documentId) : undefined}
              viewing={editable ? viewing : null}
              onOpen={onOpenEvidence}
              onPoint={(evidence) => point(entry.code, met, evidence)}
            />
            <span className={`save-state ${status?.state ?? ''}`} role={status?.state === 'failed' ? 'alert' : 'status'} data-testid={`check-state-${entry.code}`}>
              {status?.state === 'saving' && t('application.answerSaving')}
              {status?.state === 'saved' && `✓ ${t('application.answerSaved')}`}
              {status?.state === 'failed' && status.message}
            </span>
          </fieldset>
        );
      })}
      {canSubmit && (
        <button type="button" disabled={stillSaving || app.checklist.some((c) => c.met === null)} onClick={() => update(() => api['applications.submitForDecision']({ id: app.id }))}>
          {t('application.submit')}
        </button>
      )}
    </div>
  );
}

/** The page an item points at (a link that opens it), and for the executor, pointing it at the page open in the viewer. */
function Evidence({
  item,
  evidence,
  document,
  viewing,
  onOpen,
  onPoint,
}: {
  item: string;
  evidence: DocumentPage | null;
  document: DocumentInfo | undefined;
  viewing: { document: DocumentInfo; page: number } | null;
  onOpen: (evidence: DocumentPage) => void;
  onPoint: (evidence: DocumentPage | null) => void;
}) {
  const { t } = useTranslation();
  const pointedHere = evidence && viewing && evidence.documentId === viewing.document.id && evidence.page === viewing.page;
  return (
    <div className="evidence">
      {evidence && document && (
        <>
          <button type="button" className="link" aria-label={t('application.evidenceOpen', { file: document.fileName, page: evidence.page })} onClick={() => onOpen(evidence)} data-testid="evidence-link">
            {t('application.evidence', { file: document.fileName, page: evidence.page })}
          </button>
          {viewing && <IconButton label={t('application.evidenceRemove')} onClick={() => onPoint(null)}>×</IconButton>}
        </>
      )}
      {viewing && !pointedHere && (
        <button
          type="button"
          className="secondary small"
          title={t('application.pointHereLabel', { page: viewing.page, file: viewing.document.fileName, item })}
          onClick={() => onPoint({ documentId: viewing.document.id, page: viewing.page })}
        >
          {t('application.pointHere', { page: viewing.page })}
        </button>
      )}
    </div>
  );
}
