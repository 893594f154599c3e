import { documentsOf } from '../../db/repositories/documents';
import { documentOcrOf, queueDocumentOcr } from '../../db/repositories/document-text';
import { getApplication } from '../../db/repositories/applications';
import type { Enrolment } from '../../db/repositories/registry-link';
import { openEnrolment } from './enrol';
import { fetchOfficeDecisions } from './decisions';
import { decisionToFetchOf } from '../../db/repositories/decisions-to-fetch';
import type { CoreContext } from '../context';
import { registryTransport, RegistryRefused, RegistryUnreachable } from './transport';

/**
 * The documents of an application registered at another desk are fetched from the registry when it is
 * first opened here, and kept. Offline, the application opens all the same; what is missing shows as such.
 */
export async function fetchMissingDocuments(ctx: Pick<CoreContext, 'db' | 'blobs' | 'ocr' | 'now' | 'secrets'>, applicationId: string): Promise<number> {
  const enrolment = openEnrolment(ctx);
  const app = getApplication(ctx.db, applicationId);
  if (!enrolment || !app) return 0;
  const documents = documentsOf(ctx.db, applicationId);
  const wanted = [...new Set([...documents.map((d) => d.sha256), ...(app.formCmsSha256 ? [app.formCmsSha256] : [])])].filter(
    (sha256) => !ctx.blobs.has(sha256),
  );
  const decision = decisionToFetchOf(ctx.db, applicationId);
  const fetched = wanted.length ? await fetchFiles(enrolment, wanted, ctx.blobs) : 0;
  // Decided at another desk and not taken in yet: its signed PDF now, for whoever opened it to print and hand out.
  if (decision && decision.problem === null) await fetchOfficeDecisions(ctx, (sha256) => fetchFile(enrolment, sha256), applicationId);
  // Read here as a document attached here is: its text and the identifiers in it, for the executor and the head.
  const arrived = documents.filter((d) => ctx.blobs.has(d.sha256) && !documentOcrOf(ctx.db, d.id));
  if (arrived.length === 0) return fetched;
  const at = ctx.now().toISOString();
  ctx.db.transaction(() => {
    for (const d of arrived) queueDocumentOcr(ctx.db, d.id, d.pages, at);
  })();
  for (const d of arrived) ctx.ocr.queueDocument(d.id);
  return fetched;
}

/** One file from the registry, on a connection of its own. */
async function fetchFile(enrolment: Enrolment, sha256: string): Promise<Buffer> {
  const transport = registryTransport(enrolment.registryUrl, enrolment, { timeoutMs: 15_000 });
  try {
    return await transport.getFile(sha256);
  } finally {
    transport.close();
  }
}

/** As many of the files as the registry gives now (offline: none), each checked against its name and kept. */
async function fetchFiles(enrolment: Enrolment, wanted: string[], blobs: CoreContext['blobs']): Promise<number> {
  const transport = registryTransport(enrolment.registryUrl, enrolment, { timeoutMs: 15_000 });
  let fetched = 0;
  try {
    for (const sha256 of wanted) {
      blobs.put(await transport.getFile(sha256));
      fetched++;
    }
  } catch (error) {
    if (!(error instanceof RegistryUnreachable || error instanceof RegistryRefused)) throw error;
  } finally {
    transport.close();
  }
  return fetched;
}
