import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { ApiClient } from '../../../domain/api/client';
import { issueEnrolmentCode } from '../../../registry/enrolment/enrolment';
import { enrolDesk, openEnrolment } from '../../../main/sync/enrol';
import { syncRound } from '../../../main/sync/round';
import { registryTransport } from '../../../main/sync/transport';
import { DEMO_AUTHORITY } from '../../../main/demo/seed';
import { startTestCore, type TestCore } from '../../support/core';
import { samplePdf } from '../../support/documents';
import { headKey, readyForDecision } from '../../support/workflow';
import { startTestRegistry, trustRootPem } from '../../support/registry';
import { tempDir } from '../../support/temp';

/**
 * As a phone meets a document: the QR code on a licence, a conclusion and a duplicate, decoded by zbarimg,
 * is a link to the registry's public check, which answers it in both languages with what it is, whose,
 * since when and whether it holds.
 */
let t: TestCore;
let registry: Awaited<ReturnType<typeof startTestRegistry>>;
before(async () => {
  [t, registry] = await Promise.all([startTestCore(), startTestRegistry('pglite')]);
  await trustRootPem(registry.db, t.pki.rootPem);
  const { code } = await issueEnrolmentCode(registry.db, { authorityBin: DEMO_AUTHORITY.bin, officeCode: DEMO_AUTHORITY.officeCode }, new Date());
  await enrolDesk(t.core.ctx, { registryUrl: registry.url, code, deskName: 'desk' });
  await round();
});
after(async () => {
  await t?.close();
  await registry?.close();
});

async function round() {
  const enrolment = openEnrolment(t.core.ctx)!;
  const transport = registryTransport(enrolment.registryUrl, enrolment);
  try {
    const report = await syncRound(t.core.ctx, transport, enrolment, { leaseSize: 10 });
    assert.equal(report.rejected, 0);
  } finally {
    transport.close();
  }
}

/** What a phone's camera reads from the first page's QR code. */
function scanned(pdf: Buffer): string {
  const dir = tempDir();
  try {
    writeFileSync(join(dir.path, 'doc.pdf'), pdf);
    execFileSync('pdftoppm', ['-png', '-r', '150', '-f', '1', '-l', '1', join(dir.path, 'doc.pdf'), join(dir.path, 'page')]);
    return execFileSync('zbarimg', ['--raw', '-q', join(dir.path, 'page-1.png')], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } finally {
    dir.remove();
  }
}

async function signedPdf(head: ApiClient, decisionId: string): Promise<Buffer> {
  return Buffer.from((await head['decisions.pdf']({ decisionId })).contentBase64, 'base64');
}

/** Opens the link as a phone's browser does (the fragment stays on the phone) and gives the page. */
async function opened(link: string, number: string): Promise<string> {
  assert.match(link, new RegExp(`^${registry.publicUrl}/check/${number}#[0-9a-f]{64}$`), link);
  const response = await fetch(link.split('#')[0]!);
  assert.equal(response.status, 200);
  return response.text();
}

test('the QR code of a licence, a conclusion and a duplicate is a link the public check answers, saying what each is, in kk and ru', async () => {
  // A licence.
  const licensed = await readyForDecision(t);
  const licence = (await licensed.head['decisions.issueLicence']({ applicationId: licensed.app.id, ...headKey(t) })).decision!;
  // A duplicate of it.
  await round();
  const copied = await readyForDecision(t, { procedure: 'duplicate', originalNumber: licence.number });
  const duplicate = (await copied.head['decisions.issueLicence']({ applicationId: copied.app.id, ...headKey(t) })).decision!;
  // A conclusion of the state ecological expertise.
  const [clerk, head, executor] = await Promise.all([t.as('clerk'), t.as('head'), t.as('executor')]);
  const draft = await clerk['applications.createDraft']({ serviceCode: 'eco-expertise', procedure: 'issue', applicantKind: 'legal', applicantIdn: '150840001234', representation: { kind: 'none' } });
  for (const slot of draft.slots.filter((s) => s.required)) {
    await clerk['documents.attach']({ applicationId: draft.id, slotCode: slot.code, fileName: `${slot.code}.pdf`, contentBase64: (await samplePdf(slot.code)).toString('base64') });
  }
  const registered = await clerk['applications.register']({ id: draft.id, ...t.clerkKey() });
  const executorId = (await head['users.list']({})).find((u) => u.username === 'executor' && u.desk === null)!.id;
  await head['applications.assign']({ id: draft.id, executorId });
  await executor['decisions.saveDraft']({ applicationId: draft.id, draft: { subtypes: [], productionBase: 'Қалдықтарды өңдеу цехы, Атырау қ.', specialConditions: '', validUntil: null } });
  for (const item of registered.checklist) await executor['checklist.set']({ applicationId: draft.id, itemCode: item.code, met: true, note: '' });
  await executor['applications.submitForDecision']({ id: draft.id });
  const conclusion = (await head['decisions.issueLicence']({ applicationId: draft.id, ...headKey(t) })).decision!;
  await round();

  const licencePage = await opened(scanned(await signedPdf(head, licence.id)), licence.number);
  assert.match(licencePage, /Лицензия қолданыста \/ Лицензия действует/);
  assert.match(licencePage, /••••••••1234/);
  assert.match(licencePage, /Лицензиат/);

  const duplicatePage = await opened(scanned(await signedPdf(head, duplicate.id)), duplicate.number);
  assert.match(duplicatePage, new RegExp(`Телнұсқа / Дубликат</dt><dd>№ ${duplicate.number}`));
  assert.match(duplicatePage, new RegExp(licence.number));

  const conclusionPage = await opened(scanned(await signedPdf(head, conclusion.id)), conclusion.number);
  assert.match(conclusionPage, /Қорытынды күшінде \/ Заключение действует/);
  assert.match(conclusionPage, /Заключение государственной экологической экспертизы/);
  assert.doesNotMatch(conclusionPage.replace(/<title>.*<\/title>|<h1>.*<\/h1>|<label[^>]*>.*<\/label>/g, ''), /Лицензи/, 'the answer never calls a conclusion a licence');

  // The JSON check says the same, by the duplicate's own number too.
  const json = (await (await fetch(`${registry.publicUrl}/v1/public/licences/${duplicate.number}`)).json()) as { kind: string; duplicate: { number: string } | null; number: string };
  assert.deepEqual([json.kind, json.number, json.duplicate?.number], ['licence', licence.number, duplicate.number]);
  assert.equal(((await (await fetch(`${registry.publicUrl}/v1/public/licences/${conclusion.number}`)).json()) as { kind: string }).kind, 'conclusion');
});
