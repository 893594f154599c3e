import { randomUUID } from 'node:crypto';
import { createDeskKey } from '../../pki/tls/registry-ca';
import type { RegistryDb } from '../../registry/db/sql';
import { deskByCertificate, enrolDesk, issueEnrolmentCode, type Desk } from '../../registry/enrolment/enrolment';
import { certificateSha256 } from '../../pki/tls/registry-ca';
import type { Command } from '../../domain/sync/protocol';

/** A desk enrolled straight in the registry's database (no workstation), with its key and certificate. */
export async function enrolTestDesk(db: RegistryDb, office: { authorityBin: string; officeCode: string }) {
  const { code } = await issueEnrolmentCode(db, office, new Date());
  const clientId = randomUUID();
  const key = createDeskKey(clientId);
  const answer = await enrolDesk(db, { code, csrPem: key.csrPem, clientId, deskName: 'test desk' }, new Date());
  const desk = (await deskByCertificate(db, certificateSha256(answer.certificatePem))) as Desk;
  return { desk, clientId, certificatePem: answer.certificatePem, privateKeyPem: key.privateKeyPem, caPem: answer.caPem };
}

/** Commands as a desk would send them, for an application of its own (numbered in its office's journal). */
export function commands(applicationId: string, officeCode = 'ALM') {
  const at = '2026-12-03T09:00:00.000Z';
  const header = (mutationId: number) => ({ mutationId, eventId: randomUUID(), applicationId, at, entity: 'application' as const });
  return {
    register: (mutationId: number, journalNumber = `${officeCode}-2026-${String(mutationId).padStart(5, '0')}`): Command => ({
      ...header(mutationId),
      type: 'application.registered',
      payload: {
        journalNumber,
        dueDate: '2026-12-10',
        formSha256: 'a'.repeat(64),
        signerIin: null,
        warnings: [],
        serviceCode: 'scrap-metal',
        procedure: 'issue',
        applicant: { kind: 'legal', idn: '150840001234', name: 'ТОО «Тест»', nameKk: null },
      },
    }),
    assign: (mutationId: number): Command => ({ ...header(mutationId), type: 'application.assigned', payload: { executorId: randomUUID() } }),
    submit: (mutationId: number): Command => ({ ...header(mutationId), type: 'application.submitted-for-decision', payload: {} }),
  };
}
