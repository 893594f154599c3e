import type { CommandResult, PushRequest, PushResponse } from '../../domain/sync/protocol';
import type { RegistryDb, Sql } from '../db/sql';
import type { Desk } from '../enrolment/enrolment';
import { filesNamed } from '../../domain/sync/files-named';
import { applyCommand, lockApplications, Rejected } from './apply-command';
import { holdAuthority } from './change-order';

/**
 * Applies a desk's batch: each command in mutation-id order, only the one after the desk's last, each
 * with its outcome recorded, and the desk's last id advanced — all in one transaction, so a push cut
 * off anywhere leaves either all of it or none, and a resent one finds its commands done and gets the
 * same answers. A rejected command has written nothing (it is refused before it writes) and still
 * advances the id. A command naming a file not yet whole here stops the batch until it is uploaded.
 */
export async function applyPush(db: RegistryDb, desk: Desk, request: PushRequest, options: { now: Date; trustedRoots: Buffer[] }): Promise<PushResponse> {
  return db.transaction(async (tx) => {
    await holdAuthority(tx, desk.authorityBin);
    const [row] = await tx.query<{ last_mutation_id: number }>('SELECT last_mutation_id FROM desks WHERE client_id = $1 FOR UPDATE', [desk.clientId]);
    let last = row!.last_mutation_id;
    const waitingForFiles: string[] = [];
    const applied: { command: PushRequest['commands'][number]; result: CommandResult }[] = [];
    const applications = await lockApplications(tx, desk, [...new Set(request.commands.filter((c) => c.mutationId > last).map((c) => c.applicationId))]);
    for (const command of [...request.commands].sort((a, b) => a.mutationId - b.mutationId)) {
      if (command.mutationId <= last) continue;
      if (command.mutationId > last + 1) break;
      const named = filesNamed(command);
      const present = named.length ? await tx.query<{ sha256: string }>('SELECT sha256 FROM files WHERE sha256 = ANY($1)', [named]) : [];
      const missing = named.filter((sha) => !present.some((p) => p.sha256 === sha));
      if (missing.length > 0) {
        waitingForFiles.push(...missing);
        break;
      }
      // A command is refused before it writes anything (apply-command checks first, then writes), so no
      // savepoint is needed around it (200 of them a batch cost more than the commands); should a refusal
      // ever come after a write, the whole push fails rather than keep half a command.
      let wrote = false;
      const watched: Sql = {
        query: (text, params) => {
          if (!/^\s*SELECT\b/i.test(text)) wrote = true;
          return tx.query(text, params);
        },
        exec: (script) => {
          wrote = true;
          return tx.exec(script);
        },
      };
      let result: CommandResult;
      try {
        const registryNumber = await applyCommand({ tx: watched, desk, now: options.now, trustedRoots: options.trustedRoots, applications }, command);
        result = { mutationId: command.mutationId, outcome: 'accepted', registryNumber };
      } catch (error) {
        if (!(error instanceof Rejected)) throw error;
        if (wrote) throw new Error(`${command.type} was refused (${error.reason}) after it had written: apply-command must check before it writes`);
        result = { mutationId: command.mutationId, outcome: 'rejected', reason: error.reason };
      }
      applied.push({ command, result });
      last = command.mutationId;
    }
    // Every outcome in one statement: the batch's answers are written with its effects, or not at all.
    if (applied.length > 0) {
      await tx.query(
        `INSERT INTO mutation_results (client_id, mutation_id, event_id, type, outcome, registry_number, reason)
         SELECT $1, * FROM unnest($2::int[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[])`,
        [
          desk.clientId,
          applied.map((a) => a.command.mutationId),
          applied.map((a) => a.command.eventId),
          applied.map((a) => a.command.type),
          applied.map((a) => a.result.outcome),
          applied.map((a) => (a.result.outcome === 'accepted' ? a.result.registryNumber : null)),
          applied.map((a) => (a.result.outcome === 'rejected' ? a.result.reason : null)),
        ],
      );
    }
    await tx.query('UPDATE desks SET last_mutation_id = $2, last_seen_at = $3 WHERE client_id = $1', [desk.clientId, last, options.now]);
    const ids = request.commands.map((c) => c.mutationId).filter((id) => id <= last);
    const stored = await tx.query<{ mutation_id: number; outcome: 'accepted' | 'rejected'; registry_number: string | null; reason: string | null }>(
      'SELECT mutation_id, outcome, registry_number, reason FROM mutation_results WHERE client_id = $1 AND mutation_id = ANY($2) ORDER BY mutation_id',
      [desk.clientId, ids],
    );
    const results = stored.map((r): CommandResult =>
      r.outcome === 'accepted'
        ? { mutationId: r.mutation_id, outcome: 'accepted', registryNumber: r.registry_number }
        : { mutationId: r.mutation_id, outcome: 'rejected', reason: r.reason as Extract<CommandResult, { outcome: 'rejected' }>['reason'] },
    );
    return { lastMutationId: last, results, waitingForFiles };
  });
}
