import type { Migration } from './migration';

/**
 * The journal's filters at scale (issue 16): each of service, procedure and executor has an index that
 * also gives the newest-first order, the deadline order has its own (registered applications only), and
 * a period is read through the very expression the query compares.
 */
export const migration0029: Migration = {
  version: 29,
  name: 'journal-filters',
  sql: `
    CREATE INDEX applications_service_id ON applications(service_code, id);
    CREATE INDEX applications_procedure_id ON applications(procedure, id);
    CREATE INDEX applications_executor_id ON applications(executor_id, id) WHERE executor_id IS NOT NULL;
    CREATE INDEX applications_due_id ON applications(due_date, id) WHERE due_date IS NOT NULL;
    CREATE INDEX applications_entered_at ON applications(coalesce(registered_at, created_at));
  `,
};
