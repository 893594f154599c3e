import { readFileSync } from 'node:fs';
import type { ApiClient } from '../../domain/api/client';
import type { RepresentationInput } from '../../domain/api/contract';
import type { TestCore } from './core';
import { samplePdf } from './documents';

const b64 = (b: Buffer) => b.toString('base64');

/** A scrap-metal issue application with both required documents, registered with the clerk's key (by default, through a representative under a notarised PoA). */
export async function registeredApplication(t: TestCore, clerk: ApiClient, representation: RepresentationInput = { kind: 'notarised', registryNumber: '2026-0001234' }) {
  const draft = await clerk['applications.createDraft']({
    serviceCode: 'scrap-metal',
    procedure: 'issue',
    applicantKind: 'legal',
    applicantIdn: '150840001234',
    representation,
  });
  for (const slot of ['application', 'fee-receipt']) {
    await clerk['documents.attach']({ applicationId: draft.id, slotCode: slot, fileName: `${slot}.pdf`, contentBase64: b64(await samplePdf(slot)) });
  }
  return clerk['applications.register']({ id: draft.id, ...t.clerkKey() });
}

/** The head's demo signing key, as the decision calls take it. */
export function headKey(t: TestCore) {
  return { keyFileBase64: b64(readFileSync(t.pki.headKeyFile)), keyPassword: 'demo-key-password' };
}

/** An application through registration, assignment and a checklist with every requirement met, awaiting the head. */
export async function readyForDecision(t: TestCore) {
  const [clerk, head, executor] = await Promise.all([t.as('clerk'), t.as('head'), t.as('executor')]);
  const app = await registeredApplication(t, clerk);
  const executorUser = (await head['users.list']({})).find((u) => u.username === 'executor' && u.desk === null)!;
  await head['applications.assign']({ id: app.id, executorId: executorUser.id });
  for (const item of app.checklist) await executor['checklist.set']({ applicationId: app.id, itemCode: item.code, met: true, note: '' });
  await executor['applications.submitForDecision']({ id: app.id });
  return { app, clerk, head, executor };
}

/** A licence the demo head signed through the core, as its PDF bytes. */
export async function signedLicence(t: TestCore): Promise<Buffer> {
  const { app, head } = await readyForDecision(t);
  const issued = await head['decisions.issueLicence']({ applicationId: app.id, ...headKey(t) });
  return Buffer.from((await head['decisions.pdf']({ decisionId: issued.decision!.id })).contentBase64, 'base64');
}
