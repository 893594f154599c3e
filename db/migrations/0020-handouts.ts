import type { Migration } from './migration';

/**
 * The result handed to the applicant (seed 003, step 5): when, to whom, how, recorded by which clerk —
 * which closes the application — and then the seeds' two-question survey, when the applicant answers it.
 * Audited: each row is vouched for by its application.handed-out / survey-recorded entry.
 */
export const migration0020: Migration = {
  version: 20,
  name: 'handouts',
  sql: `
    CREATE TABLE handouts (
      application_id TEXT PRIMARY KEY REFERENCES applications(id),
      handed_at TEXT NOT NULL,
      recipient TEXT NOT NULL CHECK (length(recipient) BETWEEN 1 AND 200),
      recipient_idn TEXT CHECK (recipient_idn IS NULL OR recipient_idn GLOB '[0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9]'),
      method TEXT NOT NULL CHECK (method IN ('in-person', 'representative', 'post', 'electronic')),
      recorded_by TEXT,
      recorded_at TEXT NOT NULL,
      survey_process TEXT CHECK (survey_process IN ('not-satisfied', 'partly', 'satisfied')),
      survey_information TEXT CHECK (survey_information IN ('not-satisfied', 'partly', 'satisfied')),
      survey_at TEXT,
      CHECK ((survey_process IS NULL) = (survey_information IS NULL) AND (survey_process IS NULL) = (survey_at IS NULL))
    ) STRICT;
  `,
};
