import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApplicationDetail } from '../../../../domain/api/contract';
import { HANDOUT_METHODS, SURVEY_ANSWERS } from '../../../../domain/events/office-events';
import { api } from '../../api';
import { applicantName } from '../../components/applicant-name';
import { localTime } from '../../components/local-format';
import { DayInput } from '../../components/DayInput';
import { TimeInput } from '../../components/TimeInput';
import type { Update } from './update';

type Method = (typeof HANDOUT_METHODS)[number];
type Answer = (typeof SURVEY_ANSWERS)[number];

/** Kazakhstan time (UTC+5), whatever the computer's own zone: the day (ISO) and the time (HH:MM). */
function kzNow(instant: Date): { day: string; time: string } {
  const local = new Date(instant.getTime() + 5 * 3600_000).toISOString();
  return { day: local.slice(0, 10), time: local.slice(11, 16) };
}

/** Who usually collects the result: the representative, when there is one; otherwise the applicant. */
function usualRecipient(app: ApplicationDetail): { name: string; idn: string } {
  if (app.representation.kind === 'notarised') return { name: app.representation.poa.attorneyName, idn: app.representation.poa.attorneyIin };
  if (app.representation.kind === 'other') return { name: app.representation.fullName, idn: app.representation.iin };
  return { name: app.applicant.head ?? applicantName(app.applicant), idn: app.applicant.kind === 'individual' ? app.applicant.idn : '' };
}

/** Step 5: the clerk hands the result over and records it (closing the application), then the applicant's survey. */
export function HandoutPanel({ app, canHandOut, canSurvey, update }: { app: ApplicationDetail; canHandOut: boolean; canSurvey: boolean; update: Update }) {
  const { t } = useTranslation();
  const usual = usualRecipient(app);
  const [handedDay, setHandedDay] = useState(() => kzNow(new Date()).day);
  const [handedTime, setHandedTime] = useState(() => kzNow(new Date()).time);
  const [recipient, setRecipient] = useState(usual.name);
  const [recipientIdn, setRecipientIdn] = useState(usual.idn);
  const [method, setMethod] = useState<Method>(app.representation.kind === 'none' ? 'in-person' : 'representative');
  const [process, setProcess] = useState<Answer | null>(null);
  const [information, setInformation] = useState<Answer | null>(null);
  const handout = app.handout;

  async function record(event: FormEvent) {
    event.preventDefault();
    await update(
      () => api['applications.handOut']({ id: app.id, handedAt: new Date(`${handedDay}T${handedTime}:00+05:00`).toISOString(), recipient, recipientIdn: recipientIdn.trim() || null, method }),
      () => t('handout.recorded'),
    );
  }

  async function survey(event: FormEvent) {
    event.preventDefault();
    if (!process || !information) return;
    await update(() => api['applications.recordSurvey']({ id: app.id, process, information }), () => t('handout.surveyRecorded'));
  }

  if (!handout) {
    if (!canHandOut) return null;
    return (
      <form className="card" onSubmit={record} data-testid="handout-form">
        <h2>{t('handout.title')}</h2>
        <div className="row">
          <div className="field">
            <label htmlFor="handout-at">{t('handout.handedAt')}</label>
            <DayInput id="handout-at" value={handedDay} onChange={setHandedDay} />
          </div>
          <div className="field">
            <label htmlFor="handout-time">{t('handout.handedTime')}</label>
            <TimeInput id="handout-time" value={handedTime} onChange={setHandedTime} />
          </div>
          <div className="field">
            <label htmlFor="handout-method">{t('handout.method')}</label>
            <select id="handout-method" value={method} onChange={(e) => setMethod(e.target.value as Method)}>
              {HANDOUT_METHODS.map((m) => (
                <option key={m} value={m}>
                  {t(`handout.methods.${m}`)}
                </option>
              ))}
            </select>
          </div>
        </div>
        <div className="row">
          <div className="field">
            <label htmlFor="handout-recipient">{t('handout.recipient')}</label>
            <input id="handout-recipient" value={recipient} required maxLength={200} onChange={(e) => setRecipient(e.target.value)} />
          </div>
          <div className="field">
            <label htmlFor="handout-idn">{t('handout.recipientIdn')}</label>
            <input id="handout-idn" value={recipientIdn} inputMode="numeric" pattern="\d{12}" onChange={(e) => setRecipientIdn(e.target.value)} />
          </div>
        </div>
        <button type="submit">{t('handout.record')}</button>
      </form>
    );
  }

  return (
    <div className="card" data-testid="handout">
      <h2>{t('handout.title')}</h2>
      <p>
        {t('handout.done', { time: localTime(handout.handedAt), recipient: handout.recipient, method: t(`handout.methods.${handout.method}`) })}
      </p>
      {handout.survey ? (
        <dl className="facts" data-testid="survey">
          <dt>{t('handout.questionProcess')}</dt>
          <dd>{t(`handout.answers.${handout.survey.process}`)}</dd>
          <dt>{t('handout.questionInformation')}</dt>
          <dd>{t(`handout.answers.${handout.survey.information}`)}</dd>
        </dl>
      ) : (
        canSurvey && (
          <form onSubmit={survey} data-testid="survey-form">
            {(
              [
                ['process', process, setProcess],
                ['information', information, setInformation],
              ] as const
            ).map(([question, value, set]) => (
              <fieldset key={question}>
                <legend>{t(question === 'process' ? 'handout.questionProcess' : 'handout.questionInformation')}</legend>
                {SURVEY_ANSWERS.map((answer) => (
                  <label key={answer} className="inline">
                    <input type="radio" name={`survey-${question}`} checked={value === answer} onChange={() => set(answer)} /> {t(`handout.answers.${answer}`)}
                  </label>
                ))}
              </fieldset>
            ))}
            <button type="submit" disabled={!process || !information}>
              {t('handout.recordSurvey')}
            </button>
          </form>
        )
      )}
    </div>
  );
}
