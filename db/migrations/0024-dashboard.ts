import type { Migration } from './migration';

/** The Kazakhstan month (UTC+5, no daylight saving) of an instant column. */
const month = (column: string) => `strftime('%Y-%m', ${column}, '+5 hours')`;
const MONTH_PATTERN = "'[0-9][0-9][0-9][0-9]-[0-9][0-9]'";
/** Whole milliseconds between two instants. */
const ms = (from: string, to: string) => `CAST(round((julianday(${to}) - julianday(${from})) * 86400000) AS INTEGER)`;
const stepRow = (s: string) =>
  `${month(`${s}.ended_at`)}, 'step:' || ${s}.step, a.service_code, a.procedure, coalesce(a.executor_id, ''), 1, ${s}.ended_at > ${s}.due_at, ${ms(`${s}.started_at`, `${s}.ended_at`)}, ${ms(`${s}.started_at`, `${s}.due_at`)}`;
const ADD = 'ON CONFLICT DO UPDATE SET n = n + excluded.n, late = late + excluded.late, taken_ms = taken_ms + excluded.taken_ms, allowed_ms = allowed_ms + excluded.allowed_ms';
const COLUMNS = 'month, measure, service_code, procedure, executor_id, n, late, taken_ms, allowed_ms';

/** The monthly totals counted from the tables (the upgrade's start; bench:journal's fill, after a bulk load). */
export const MONTHLY_COUNTS_FROM_TABLES = `
    INSERT INTO monthly_counts (${COLUMNS})
      SELECT ${month('registered_at')}, 'received', service_code, procedure, '', count(*), 0, 0, 0
      FROM applications WHERE ${month('registered_at')} GLOB ${MONTH_PATTERN} GROUP BY 1, 3, 4;
    INSERT INTO monthly_counts (${COLUMNS})
      SELECT ${month('d.signed_at')}, CASE d.kind WHEN 'licence' THEN 'issued' ELSE 'refused' END, a.service_code, a.procedure, coalesce(a.executor_id, ''), count(*), 0, 0, 0
      FROM decisions d JOIN applications a ON a.id = d.application_id WHERE ${month('d.signed_at')} GLOB ${MONTH_PATTERN} GROUP BY 1, 2, 3, 4, 5;
    INSERT INTO monthly_counts (${COLUMNS})
      SELECT ${month('s.ended_at')}, 'step:' || s.step, a.service_code, a.procedure, coalesce(a.executor_id, ''),
        count(*), sum(s.ended_at > s.due_at), sum(${ms('s.started_at', 's.ended_at')}), sum(${ms('s.started_at', 's.due_at')})
      FROM application_steps s JOIN applications a ON a.id = s.application_id WHERE ${month('s.ended_at')} GLOB ${MONTH_PATTERN} GROUP BY 1, 2, 3, 4, 5;
    INSERT INTO monthly_counts (${COLUMNS})
      SELECT ${month('h.survey_at')}, 'survey:' || q.question || ':' || CASE q.question WHEN 'process' THEN h.survey_process ELSE h.survey_information END,
        a.service_code, a.procedure, coalesce(a.executor_id, ''), count(*), 0, 0, 0
      FROM handouts h JOIN applications a ON a.id = h.application_id CROSS JOIN (SELECT 'process' AS question UNION ALL SELECT 'information') q
      WHERE ${month('h.survey_at')} GLOB ${MONTH_PATTERN} GROUP BY 1, 2, 3, 4, 5;
`;

/**
 * The head's dashboard at a million applications. What it charts per month — applications received,
 * licences issued, refusals signed, each step ended (how long it took, against what it was allowed, late
 * or not), survey answers — is counted into `monthly_counts` by triggers, in the very transaction that
 * registers, signs, ends a step or records a survey, whichever path (this desk, another desk's changes
 * through the registry) wrote it; the dashboard reads a few thousand totals instead of a million rows.
 * Durations are wall-clock (working time needs the calendar, which SQL does not have); late is against
 * the step's due time, which is working time. Counted here from the tables for what came before (a row
 * whose instant is unreadable left out rather than the upgrade failed).
 *
 * `at_risk_at` is when an open step turns at risk (domain/applications/steps atRiskAt), kept beside its
 * due time so "overdue and at risk now" is counted by index; the core fills it at start (recountOpenSteps).
 */
export const migration0024: Migration = {
  version: 24,
  name: 'dashboard',
  sql: `
    ALTER TABLE application_steps ADD COLUMN at_risk_at TEXT;
    CREATE INDEX application_steps_ended ON application_steps(step, ended_at) WHERE ended_at IS NOT NULL;
    CREATE INDEX decisions_signed_at ON decisions(signed_at);

    CREATE TABLE monthly_counts (
      month TEXT NOT NULL CHECK (month GLOB ${MONTH_PATTERN}),
      measure TEXT NOT NULL,
      service_code TEXT NOT NULL,
      procedure TEXT NOT NULL,
      executor_id TEXT NOT NULL,
      n INTEGER NOT NULL,
      late INTEGER NOT NULL,
      taken_ms INTEGER NOT NULL,
      allowed_ms INTEGER NOT NULL,
      PRIMARY KEY (month, measure, service_code, procedure, executor_id)
    ) STRICT, WITHOUT ROWID;

    ${MONTHLY_COUNTS_FROM_TABLES}
    CREATE TRIGGER monthly_received_on_register AFTER UPDATE OF registered_at ON applications
      WHEN OLD.registered_at IS NULL AND NEW.registered_at IS NOT NULL BEGIN
      INSERT INTO monthly_counts (${COLUMNS}) VALUES (${month('NEW.registered_at')}, 'received', NEW.service_code, NEW.procedure, '', 1, 0, 0, 0) ${ADD};
    END;
    CREATE TRIGGER monthly_received_on_insert AFTER INSERT ON applications WHEN NEW.registered_at IS NOT NULL BEGIN
      INSERT INTO monthly_counts (${COLUMNS}) VALUES (${month('NEW.registered_at')}, 'received', NEW.service_code, NEW.procedure, '', 1, 0, 0, 0) ${ADD};
    END;
    CREATE TRIGGER monthly_decided AFTER INSERT ON decisions BEGIN
      INSERT INTO monthly_counts (${COLUMNS})
        SELECT ${month('NEW.signed_at')}, CASE NEW.kind WHEN 'licence' THEN 'issued' ELSE 'refused' END, a.service_code, a.procedure, coalesce(a.executor_id, ''), 1, 0, 0, 0
        FROM applications a WHERE a.id = NEW.application_id ${ADD};
    END;
    CREATE TRIGGER monthly_step_ended AFTER UPDATE OF ended_at ON application_steps
      WHEN OLD.ended_at IS NULL AND NEW.ended_at IS NOT NULL BEGIN
      INSERT INTO monthly_counts (${COLUMNS}) SELECT ${stepRow('NEW')} FROM applications a WHERE a.id = NEW.application_id ${ADD};
    END;
    CREATE TRIGGER monthly_surveyed AFTER UPDATE OF survey_at ON handouts
      WHEN OLD.survey_at IS NULL AND NEW.survey_at IS NOT NULL BEGIN
      INSERT INTO monthly_counts (${COLUMNS})
        SELECT ${month('NEW.survey_at')}, 'survey:process:' || NEW.survey_process, a.service_code, a.procedure, coalesce(a.executor_id, ''), 1, 0, 0, 0
        FROM applications a WHERE a.id = NEW.application_id ${ADD};
      INSERT INTO monthly_counts (${COLUMNS})
        SELECT ${month('NEW.survey_at')}, 'survey:information:' || NEW.survey_information, a.service_code, a.procedure, coalesce(a.executor_id, ''), 1, 0, 0, 0
        FROM applications a WHERE a.id = NEW.application_id ${ADD};
    END;
  `,
};
