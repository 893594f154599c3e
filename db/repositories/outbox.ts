import type { Db } from '../db';

/**
 * The commands the registry must receive, in the order the actions happened. A command is written in
 * the same transaction as the action and its event (appendEvent); its mutation id is the next after the
 * last, gapless, as the registry requires.
 */
export function enqueueCommand(db: Db, command: { eventId: string; applicationId: string; type: string; body: object }): number {
  const row = db
    .prepare(
      `INSERT INTO outbox (mutation_id, event_id, application_id, type, body)
       VALUES ((SELECT coalesce(max(mutation_id), 0) + 1 FROM outbox), ?, ?, ?, ?) RETURNING mutation_id`,
    )
    .get(command.eventId, command.applicationId, command.type, JSON.stringify(command.body)) as { mutation_id: number };
  return row.mutation_id;
}

export interface OutboxRow {
  mutationId: number;
  eventId: string;
  applicationId: string;
  type: string;
  body: string;
  state: 'waiting' | 'accepted' | 'rejected';
  reason: string | null;
  registryNumber: string | null;
  acknowledgedAt: string | null;
}

const COLUMNS =
  'mutation_id AS mutationId, event_id AS eventId, application_id AS applicationId, type, body, state, reason, registry_number AS registryNumber, acknowledged_at AS acknowledgedAt';

export function waitingCommands(db: Db, limit: number): OutboxRow[] {
  return db.prepare(`SELECT ${COLUMNS} FROM outbox WHERE state = 'waiting' ORDER BY mutation_id LIMIT ?`).all(limit) as OutboxRow[];
}

export function commandsOf(db: Db, applicationId: string): OutboxRow[] {
  return db.prepare(`SELECT ${COLUMNS} FROM outbox WHERE application_id = ? ORDER BY mutation_id`).all(applicationId) as OutboxRow[];
}

/** This desk's command came back from the registry as a change (without its id, from an older registry: all of the application's so far). */
export function markEchoed(db: Db, applicationId: string, mutationId: number | undefined, at: string): void {
  if (mutationId === undefined) db.prepare("UPDATE outbox SET echoed_at = ? WHERE application_id = ? AND state = 'accepted' AND echoed_at IS NULL").run(at, applicationId);
  else db.prepare("UPDATE outbox SET echoed_at = ? WHERE mutation_id = ? AND state = 'accepted' AND echoed_at IS NULL").run(at, mutationId);
}

/** The commands that move an application's status (facts and the registration do not). */
const STATUS_STEPS = ['application.assigned', 'application.submitted-for-decision', 'application.returned-to-executor', 'licence.issued', 'licence.refused'];

/** Whether a step of this desk that moved the application was accepted by the registry and has not come back yet (it comes after what arrives meanwhile). */
export function ownStepAhead(db: Db, applicationId: string): boolean {
  return (
    db
      .prepare(`SELECT 1 FROM outbox WHERE application_id = ? AND state = 'accepted' AND echoed_at IS NULL AND type IN (${STATUS_STEPS.map(() => '?').join(', ')})`)
      .get(applicationId, ...STATUS_STEPS) !== undefined
  );
}

/** The registry's answer to one command; an answer already recorded stays as it was. */
export function acknowledge(db: Db, mutationId: number, answer: { state: 'accepted' | 'rejected'; reason: string | null; registryNumber: string | null }, at: string): boolean {
  return (
    db
      .prepare("UPDATE outbox SET state = ?, reason = ?, registry_number = ?, acknowledged_at = ? WHERE mutation_id = ? AND state = 'waiting'")
      .run(answer.state, answer.reason, answer.registryNumber, at, mutationId).changes === 1
  );
}

export interface OutboxTotals {
  waiting: number;
  accepted: number;
  rejected: number;
  waitingByType: Record<string, number>;
}

export function outboxTotals(db: Db): OutboxTotals {
  const rows = db.prepare('SELECT state, type, count(*) AS n FROM outbox GROUP BY state, type').all() as { state: string; type: string; n: number }[];
  const sum = (state: string) => rows.filter((r) => r.state === state).reduce((total, r) => total + r.n, 0);
  return {
    waiting: sum('waiting'),
    accepted: sum('accepted'),
    rejected: sum('rejected'),
    waitingByType: Object.fromEntries(rows.filter((r) => r.state === 'waiting').map((r) => [r.type, r.n])),
  };
}

/**
 * The commands still waiting numbered on from `after` (the last the registry has of this desk), in
 * their order: a desk enrolled again goes on where the registry's sequence is, gapless.
 */
export function renumberWaiting(db: Db, after: number): void {
  const waiting = db.prepare("SELECT mutation_id AS id FROM outbox WHERE state = 'waiting' ORDER BY mutation_id").all() as { id: number }[];
  // Out of the way first (negative ids), then to their places: no two rows ever share an id on the way.
  db.prepare("UPDATE outbox SET mutation_id = -mutation_id WHERE state = 'waiting'").run();
  const move = db.prepare('UPDATE outbox SET mutation_id = ? WHERE mutation_id = ?');
  waiting.forEach((row, i) => move.run(after + 1 + i, -row.id));
}
