import { createHash } from 'node:crypto';
import { canonicalJson } from '../../domain/canonical-json';
import type { Command, CommandResult, PushRequest, PushResponse, Rejection } from '../../domain/sync/protocol';
import { RegistryRefusal } from '../refusal';
import type { RegistryDb, Sql } from '../db/sql';
import type { Desk } from '../enrolment/enrolment';
import { filesNamed } from '../../domain/sync/files-named';
import { applyCommand, lockApplications, Rejected } from './apply-command';
import { holdAuthority } from './change-order';
import { knownServiceCodes } from './service-codes';

/**
 * Applies a desk's batch: each command in mutation-id order, only the one after the desk's last, each
 * with its outcome recorded, and the desk's last id advanced — all in one transaction, so a push cut
 * off anywhere leaves either all of it or none, and a resent one finds its commands done and gets the
 * same answers. A rejected command has written nothing (it is refused before it writes) and still
 * advances the id. A command naming a file not yet whole here stops the batch until it is uploaded.
 */
export async function applyPush(db: RegistryDb, desk: Desk, request: PushRequest, options: { now: Date; trustedRoots: Buffer[] }): Promise<PushResponse> {
  if (desk.diverged) throw new RegistryRefusal(409, 'desk-diverged', 'enrol this desk again');
  const answer = await db.transaction((tx) => applyInTransaction(tx, desk, request, options));
  if ('diverged' in answer) {
    // Kept, though the push is refused: the desk stays stopped until its administrator enrols it again.
    await db.query('UPDATE desks SET diverged_at = $2, diverged_detail = $3 WHERE client_id = $1', [desk.clientId, options.now, answer.diverged]);
    throw new RegistryRefusal(409, 'desk-diverged', answer.diverged);
  }
  return answer;
}

/** What identifies a command's content, apart from its place in the desk's sequence. */
export function contentSha256(command: Command): string {
  const { mutationId: _, ...content } = command;
  return createHash('sha256').update(canonicalJson(content)).digest('hex');
}

/**
 * A resent mutation id is answered from the store only if it is the same command (its event id and its
 * content); anything else means the desk is not the one the registry has been talking to — restored
 * from a backup, or a copy of its database — and answering would tell it a command of its own was done
 * when another was.
 */
async function divergence(tx: Sql, desk: Desk, resent: Command[]): Promise<string | null> {
  if (resent.length === 0) return null;
  const stored = await tx.query<{ mutation_id: number; event_id: string; content_sha256: string | null }>(
    'SELECT mutation_id, event_id, content_sha256 FROM mutation_results WHERE client_id = $1 AND mutation_id = ANY($2)',
    [desk.clientId, resent.map((c) => c.mutationId)],
  );
  const byId = new Map(stored.map((r) => [r.mutation_id, r]));
  for (const command of resent) {
    const known = byId.get(command.mutationId);
    if (!known || known.event_id !== command.eventId || (known.content_sha256 !== null && known.content_sha256 !== contentSha256(command))) {
      return `mutation ${command.mutationId} was another command`;
    }
  }
  return null;
}

interface StoredResult {
  event_id: string;
  content_sha256: string | null;
  outcome: 'accepted' | 'rejected';
  registry_number: string | null;
  reason: string | null;
}

/** The desk's commands the registry has had already, by event id, under earlier mutation ids. */
async function seenBefore(tx: Sql, desk: Desk, commands: Command[]): Promise<Map<string, StoredResult>> {
  if (commands.length === 0) return new Map();
  const rows = await tx.query<StoredResult>(
    'SELECT event_id, content_sha256, outcome, registry_number, reason FROM mutation_results WHERE client_id = $1 AND event_id = ANY($2)',
    [desk.clientId, commands.map((c) => c.eventId)],
  );
  return new Map(rows.map((r) => [r.event_id, r]));
}

async function applyInTransaction(tx: Sql, desk: Desk, request: PushRequest, options: { now: Date; trustedRoots: Buffer[] }): Promise<PushResponse | { diverged: string }> {
  await holdAuthority(tx, desk.authorityBin);
  const [row] = await tx.query<{ last_mutation_id: number }>('SELECT last_mutation_id FROM desks WHERE client_id = $1 FOR UPDATE', [desk.clientId]);
  let last = row!.last_mutation_id;
  const diverged = await divergence(tx, desk, request.commands.filter((c) => c.mutationId <= last));
  if (diverged) return { diverged };
  const seen = await seenBefore(tx, desk, request.commands.filter((c) => c.mutationId > last));
  for (const [eventId, stored] of seen) {
    const command = request.commands.find((c) => c.eventId === eventId)!;
    if (stored.content_sha256 !== null && stored.content_sha256 !== contentSha256(command)) return { diverged: `event ${eventId} came before with other content` };
  }
  const waitingForFiles: string[] = [];
  const applied: { command: PushRequest['commands'][number]; result: CommandResult }[] = [];
  let serviceCodes: Promise<ReadonlySet<string>> | null = null;
  const services = () => (serviceCodes ??= knownServiceCodes(tx));
  const applications = await lockApplications(tx, desk, [...new Set(request.commands.filter((c) => c.mutationId > last).map((c) => c.applicationId))]);
  for (const command of [...request.commands].sort((a, b) => a.mutationId - b.mutationId)) {
    if (command.mutationId <= last) continue;
    if (command.mutationId > last + 1) break;
    const named = filesNamed(command);
    // A file counts as there only once this authority's desks have uploaded it: naming another's file gains nothing.
    const present = named.length ? await tx.query<{ sha256: string }>('SELECT sha256 FROM file_owners WHERE sha256 = ANY($1) AND authority_bin = $2', [named, desk.authorityBin]) : [];
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
    const before = seen.get(command.eventId);
    if (before) {
      // Sent before under another mutation id (a desk enrolled again renumbers what it had waiting): the same answer, not a second effect.
      result = before.outcome === 'accepted' ? { mutationId: command.mutationId, outcome: 'accepted', registryNumber: before.registry_number } : { mutationId: command.mutationId, outcome: 'rejected', reason: before.reason as Rejection };
      applied.push({ command, result });
      last = command.mutationId;
      continue;
    }
    try {
      const registryNumber = await applyCommand({ tx: watched, desk, now: options.now, trustedRoots: options.trustedRoots, applications, serviceCodes: services }, command);
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
      `INSERT INTO mutation_results (client_id, mutation_id, event_id, type, outcome, registry_number, reason, content_sha256)
       SELECT $1, * FROM unnest($2::int[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[])`,
      [
        desk.clientId,
        applied.map((a) => a.command.mutationId),
        applied.map((a) => a.command.eventId),
        applied.map((a) => a.command.type),
        applied.map((a) => a.result.outcome),
        applied.map((a) => (a.result.outcome === 'accepted' ? a.result.registryNumber : null)),
        applied.map((a) => (a.result.outcome === 'rejected' ? a.result.reason : null)),
        applied.map((a) => contentSha256(a.command)),
      ],
    );
  }
  await tx.query('UPDATE desks SET last_mutation_id = $2, last_seen_at = $3 WHERE client_id = $1', [desk.clientId, last, options.now]);
  // The chain's head as the desk has it now; the first word on a number stands (a head sent again changes nothing).
  if (request.auditHead) {
    await tx.query('INSERT INTO audit_anchors (client_id, seq, hash, at) VALUES ($1, $2, $3, $4) ON CONFLICT (client_id, seq) DO NOTHING', [
      desk.clientId,
      request.auditHead.seq,
      request.auditHead.hash,
      options.now,
    ]);
  }
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
}


/** The latest head of the desk's audit chain the registry holds. */
export async function auditAnchor(db: Sql, desk: Desk): Promise<{ seq: number; hash: string; at: string } | null> {
  const [row] = await db.query<{ seq: number; hash: string; at: Date }>('SELECT seq, hash, at FROM audit_anchors WHERE client_id = $1 ORDER BY seq DESC LIMIT 1', [desk.clientId]);
  return row ? { seq: row.seq, hash: row.hash, at: row.at.toISOString() } : null;
}
