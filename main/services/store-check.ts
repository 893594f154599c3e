import type { BlobStore } from '../../db/blob-store';
import type { Db } from '../../db/db';
import { getDecision } from '../../db/repositories/decisions';
import { decisionToFetchOf } from '../../db/repositories/decisions-to-fetch';
import { allDecisionIds, decidedApplications, storedCrls, storedFileReferences } from '../../db/repositories/store-check';
import { parseCrl } from '../../pki/revocation/crl';
import { verifyPdf } from '../../pki/pdf/verify-pdf';
import { differencesFromRecord } from './decision-check';

/**
 * `ajo db check` beyond SQLite's own integrity: the files the records name are there and whole, every
 * decided application has its signed decision (and every decision its decided application), each
 * decision row says what its signed PDF says, and each CRL's stored entries are those of the signed CRL.
 */
export interface StoreProblem {
  check: 'file' | 'decision' | 'crl';
  subject: string;
  problem: string;
  fields?: string[];
}

/**
 * The store's problems, and apart from them what is only not here yet: documents of applications another
 * desk registered, which this desk fetches from the registry when they are first opened (a new desk has
 * none of them, and that is no fault).
 */
export async function checkStore(store: { db: Db; blobs: BlobStore }, notFetched: string[] = []): Promise<StoreProblem[]> {
  const problems: StoreProblem[] = [];
  const named = new Set<string>();
  for (const ref of storedFileReferences(store.db)) {
    named.add(ref.sha256);
    const state = store.blobs.check(ref.sha256);
    if (state === 'missing' && ref.fromRegistry) notFetched.push(ref.what);
    else if (state !== 'ok') problems.push({ check: 'file', subject: ref.what, problem: state });
  }
  for (const sha256 of store.blobs.list()) {
    if (!named.has(sha256) && store.blobs.check(sha256) === 'damaged') problems.push({ check: 'file', subject: `unreferenced file ${sha256}`, problem: 'damaged' });
  }

  for (const app of decidedApplications(store.db)) {
    const subject = `application ${app.journalNumber ?? app.id}`;
    const expected = app.status === 'issued' ? 'licence' : app.status === 'refused' ? 'refusal' : null;
    const elsewhere = app.decisionId === null ? decisionToFetchOf(store.db, app.id) : null;
    // Signed at another desk: not here yet is no fault; fetched and found not to be what the registry named is.
    if (elsewhere && elsewhere.problem === null) notFetched.push(`${subject} decision ${elsewhere.number}`);
    else if (elsewhere) problems.push({ check: 'decision', subject, problem: `decision-from-registry-${elsewhere.problem}` });
    else if (app.decisionId === null) problems.push({ check: 'decision', subject, problem: `${app.status}-without-signed-decision` });
    else if (expected !== app.decisionKind) problems.push({ check: 'decision', subject, problem: `${app.decisionKind}-but-application-${app.status}` });
  }

  for (const { id } of allDecisionIds(store.db)) {
    const decision = getDecision(store.db, id)!;
    const subject = `decision ${decision.number}`;
    if (store.blobs.check(decision.pdfSha256) !== 'ok') continue; // reported with the files
    const pdf = store.blobs.get(decision.pdfSha256);
    const report = verifyPdf(pdf, null);
    const last = report.signatures[report.signatures.length - 1];
    if (!last || !report.signatures.every((s) => s.signatureValid) || !last.coversWholeFile) {
      problems.push({ check: 'decision', subject, problem: 'signature-invalid' });
      continue;
    }
    const fields = await differencesFromRecord(store.db, decision, pdf, { sha256: report.file.sha256, certificateIin: last.signer?.iin ?? null });
    if (fields.length > 0) problems.push({ check: 'decision', subject, problem: 'record-differs-from-signed-document', fields });
  }

  for (const stored of storedCrls(store.db)) {
    let signed;
    try {
      signed = parseCrl(stored.der);
    } catch {
      problems.push({ check: 'crl', subject: `CRL ${stored.id}`, problem: 'unreadable' });
      continue;
    }
    const said = signed.revoked.map((r) => `${r.serialHex} ${r.revokedAt.toISOString()}`).sort();
    const kept = stored.entries.map((e) => `${e.serialHex} ${e.revokedAt}`).sort();
    if (said.length !== kept.length || said.some((entry, i) => entry !== kept[i])) problems.push({ check: 'crl', subject: `CRL ${stored.id} (number ${signed.crlNumber ?? '—'})`, problem: 'entries-differ-from-signed-crl' });
  }
  return problems;
}
