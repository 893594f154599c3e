import { readFileSync } from 'node:fs';
import type { ApiClient } from '../../domain/api/client';
import type { ApplicantEntered, RepresentationInput } from '../../domain/api/contract';
import type { TestCore } from './core';
import { samplePdf } from './documents';

const b64 = (b: Buffer) => b.toString('base64');

/** What a test application is asked for: an issue, or a reissue or duplicate of a licence. */
export type Asked = { procedure: 'issue' } | { procedure: 'reissue' | 'duplicate'; originalNumber: string };

/**
 * A scrap-metal application with every required document, registered with the clerk's key (by default
 * an issue, through a representative under a notarised PoA).
 */
export async function registeredApplication(
  t: TestCore,
  clerk: ApiClient,
  representation: RepresentationInput = { kind: 'notarised', registryNumber: '2026-0001234' },
  asked: Asked = { procedure: 'issue' },
  entered: { applicantEntered?: ApplicantEntered } = {},
) {
  const draft = await clerk['applications.createDraft']({
    serviceCode: 'scrap-metal',
    applicantKind: 'legal',
    applicantIdn: '150840001234',
    representation,
    ...asked,
    ...entered,
  });
  for (const slot of draft.slots.filter((s) => s.required)) {
    await clerk['documents.attach']({ applicationId: draft.id, slotCode: slot.code, fileName: `${slot.code}.pdf`, contentBase64: b64(await samplePdf(slot.code)) });
  }
  return clerk['applications.register']({ id: draft.id, ...t.clerkKey() });
}

/** The head's demo signing key, as the decision calls take it. */
export function headKey(t: TestCore) {
  return { keyFileBase64: b64(readFileSync(t.pki.headKeyFile)), keyPassword: 'demo-key-password' };
}

/**
 * An application through registration, assignment and a checklist with every requirement met, awaiting
 * the head (the applicant and the PoA as entered by hand, when the test gives them).
 */
export async function readyForDecision(
  t: TestCore,
  asked: Asked = { procedure: 'issue' },
  entered: { representation?: RepresentationInput; applicantEntered?: ApplicantEntered } = {},
) {
  const [clerk, head, executor] = await Promise.all([t.as('clerk'), t.as('head'), t.as('executor')]);
  const { representation, ...applicant } = entered;
  const app = await registeredApplication(t, clerk, representation, asked, applicant);
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
