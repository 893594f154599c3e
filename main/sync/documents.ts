import { documentsOf } from '../../db/repositories/documents';
import { getApplication } from '../../db/repositories/applications';
import { getEnrolment } from '../../db/repositories/registry-link';
import type { CoreContext } from '../context';
import { registryTransport, RegistryRefused, RegistryUnreachable } from './transport';

/**
 * The documents of an application registered at another desk are fetched from the registry when it is
 * first opened here, and kept. Offline, the application opens all the same; what is missing shows as such.
 */
export async function fetchMissingDocuments(ctx: Pick<CoreContext, 'db' | 'blobs'>, applicationId: string): Promise<number> {
  const enrolment = getEnrolment(ctx.db);
  const app = getApplication(ctx.db, applicationId);
  if (!enrolment || !app) return 0;
  const wanted = [...new Set([...documentsOf(ctx.db, applicationId).map((d) => d.sha256), ...(app.formCmsSha256 ? [app.formCmsSha256] : [])])].filter(
    (sha256) => !ctx.blobs.has(sha256),
  );
  if (wanted.length === 0) return 0;
  const transport = registryTransport(enrolment.registryUrl, enrolment, { timeoutMs: 15_000 });
  let fetched = 0;
  try {
    for (const sha256 of wanted) {
      ctx.blobs.put(await transport.getFile(sha256));
      fetched++;
    }
  } catch (error) {
    if (!(error instanceof RegistryUnreachable || error instanceof RegistryRefused)) throw error;
  } finally {
    transport.close();
  }
  return fetched;
}
