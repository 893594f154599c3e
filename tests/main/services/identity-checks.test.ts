import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { countApplications } from '../../../db/repositories/applications';
import { startTestCore, type TestCore } from '../../support/core';
import { headKey, readyForDecision } from '../../support/workflow';

let t: TestCore;
before(async () => {
  t = await startTestCore();
});
after(async () => {
  await t.close();
});

const ATYRAU = '150840001234';
/** The applicant as a clerk types it from the charter: the name short, the address as the database has it. */
const typed = { name: 'ТОО «Атырау Металл»', nameKk: null, address: 'Атырау қ., Өндіріс к-сі, 12', head: 'Әбілқасымова Гүлнар Серікқызы' };
const asDatabase = { name: 'Товарищество с ограниченной ответственностью «атырау металл ресайклинг»', nameKk: null, address: 'Атырау қ.,  Өндіріс к-сі, 12', head: null };

async function withGatewayDown<T>(work: () => Promise<T>): Promise<T> {
  t.simulators.setUnreachable(true);
  try {
    return await work();
  } finally {
    t.simulators.setUnreachable(false);
  }
}

test('with the gateway down the lookup says so, a draft without data entered by hand is refused, and nothing is saved', async () => {
  const clerk = await t.as('clerk');
  const before = countApplications(t.core.ctx.db);
  await withGatewayDown(async () => {
    await assert.rejects(clerk['applicants.lookup']({ kind: 'legal', idn: ATYRAU }), { code: 'data-unavailable', reason: 'gateway-unreachable' });
    await assert.rejects(
      clerk['applications.createDraft']({ serviceCode: 'scrap-metal', procedure: 'issue', applicantKind: 'legal', applicantIdn: ATYRAU, representation: { kind: 'none' } }),
      { code: 'data-unavailable', reason: 'gateway-unreachable' },
    );
  });
  // "Not found" is an answer, not an outage: what the clerk typed does not stand in for it.
  await assert.rejects(
    clerk['applications.createDraft']({
      serviceCode: 'scrap-metal', procedure: 'issue', applicantKind: 'legal', applicantIdn: '210540002225', representation: { kind: 'none' }, applicantEntered: typed,
    }),
    { code: 'data-unavailable', reason: 'not-found' },
  );
  assert.equal(countApplications(t.core.ctx.db), before);
});

test('entered by hand while the gateway is down: registered "not verified", no decision signed until the differences are resolved; the form stays as certified', async () => {
  const ready = await withGatewayDown(() =>
    readyForDecision(t, { procedure: 'issue' }, {
      applicantEntered: typed,
      representation: {
        kind: 'notarised',
        registryNumber: '2026-0001234',
        entered: { attorneyIin: '900712400451', attorneyName: 'Нұрланов Дәурен Асқарұлы', powers: 'Подача заявления', validFrom: '2026-01-15', validUntil: '2027-01-14', notary: 'Жұмабаева Ә. Қ., Атырау қ. нотариусы, лицензия № 0001567' },
      },
    }),
  );
  const { app, clerk, head, executor } = ready;
  assert.equal(app.status, 'registered');
  assert.equal(app.applicant.name, typed.name);
  assert.deepEqual(app.identityChecks.map((c) => [c.subject, c.state, c.enteredBecause]), [['applicant', 'pending', 'gateway-unreachable'], ['poa', 'pending', 'gateway-unreachable']]);
  await assert.rejects(head['decisions.issueLicence']({ applicationId: app.id, ...headKey(t) }), { code: 'invalid-state', reason: 'identity-not-verified' });
  await assert.rejects(head['decisions.refuse']({ applicationId: app.id, reason: 'Требования не выполнены', ...headKey(t) }), { code: 'invalid-state', reason: 'identity-not-verified' });

  // The gateway is back: asked now, the applicant differs in its name; the PoA agrees and takes the databases' record.
  await t.core.ctx.identity.idle();
  const checked = await executor['applications.checkIdentity']({ id: app.id });
  const [applicant, poa] = checked.identityChecks;
  assert.equal(applicant!.state, 'differs');
  assert.deepEqual(applicant!.differences.map((d) => d.field), ['name'], 'case, quotes and spaces are no difference; the head agrees');
  assert.equal(applicant!.differences[0]!.found, 'Товарищество с ограниченной ответственностью «Атырау Металл Ресайклинг»');
  assert.equal(poa!.state, 'confirmed');
  assert.equal(checked.representation.kind === 'notarised' && checked.representation.poa.powers.startsWith('Лицензия алу'), true);
  await assert.rejects(head['decisions.issueLicence']({ applicationId: app.id, ...headKey(t) }), { code: 'invalid-state', reason: 'identity-differences-unresolved' });
  await assert.rejects(executor['applications.resolveIdentity']({ id: app.id, subject: 'applicant' }), { code: 'forbidden' });

  const resolved = await clerk['applications.resolveIdentity']({ id: app.id, subject: 'applicant' });
  assert.equal(resolved.identityChecks[0]!.state, 'resolved');
  assert.equal(resolved.identityChecks[0]!.resolvedBy, 'Оспанова Айгүл Ерланқызы');
  assert.equal(resolved.applicant.name, 'Товарищество с ограниченной ответственностью «Атырау Металл Ресайклинг»');
  await assert.rejects(clerk['applications.resolveIdentity']({ id: app.id, subject: 'applicant' }), { code: 'invalid-state', reason: 'identity-nothing-to-resolve' });
  // The clerk's signature covers what was entered and certified, not what replaced it.
  assert.deepEqual((await clerk['applications.verifyForm']({ id: app.id })).problems, []);

  const issued = await head['decisions.issueLicence']({ applicationId: app.id, ...headKey(t) });
  assert.equal(issued.status, 'issued');
  const chain = await head['audit.chain']({});
  assert.equal(chain.ok && chain.rowProblems === 0, true, 'the background check and the resolution are vouched for in the audit chain');
});

test('data entered as the databases hold it is confirmed by the background check once the gateway answers', async () => {
  const clerk = await t.as('clerk');
  const draft = await withGatewayDown(() =>
    clerk['applications.createDraft']({ serviceCode: 'scrap-metal', procedure: 'issue', applicantKind: 'legal', applicantIdn: ATYRAU, representation: { kind: 'none' }, applicantEntered: asDatabase }),
  );
  assert.equal(draft.identityChecks[0]!.state, 'pending');
  await t.core.ctx.identity.idle();
  const after = await clerk['applications.get']({ id: draft.id });
  assert.equal(after.identityChecks[0]!.state, 'confirmed');
  assert.equal(after.applicant.nameKk, '«Атырау Металл Ресайклинг» жауапкершілігі шектеулі серіктестігі', 'the databases’ fuller record is kept');
  assert.equal(after.applicant.registrationStatus, 'registered');
});

test('a PoA the registry does not hold rules out a licence: the check is rejected, only a refusal may be signed', async () => {
  const poa = { attorneyIin: '900712400451', attorneyName: 'Нұрланов Дәурен Асқарұлы', powers: 'Подача заявления', validFrom: '2026-01-15', validUntil: '2027-01-14', notary: 'Жұмабаева Ә. Қ.' };
  const ready = await withGatewayDown(() =>
    readyForDecision(t, { procedure: 'issue' }, { applicantEntered: asDatabase, representation: { kind: 'notarised', registryNumber: '2026-0009999', entered: poa } }),
  );
  const checked = await ready.head['applications.checkIdentity']({ id: ready.app.id });
  assert.deepEqual(checked.identityChecks.map((c) => [c.subject, c.state, c.rejectedBecause]), [['applicant', 'confirmed', null], ['poa', 'rejected', 'not-found']]);
  await assert.rejects(ready.head['decisions.issueLicence']({ applicationId: ready.app.id, ...headKey(t) }), { code: 'invalid-state', reason: 'identity-rejected' });
  const refused = await ready.head['decisions.refuse']({ applicationId: ready.app.id, reason: 'Доверенность в реестре ЕНИС не найдена', ...headKey(t) });
  assert.equal(refused.status, 'refused');
});

test('entered by hand, a PoA must still be valid today by its own dates', async () => {
  const clerk = await t.as('clerk');
  await withGatewayDown(async () => {
    await assert.rejects(
      clerk['applications.createDraft']({
        serviceCode: 'scrap-metal', procedure: 'issue', applicantKind: 'legal', applicantIdn: ATYRAU, applicantEntered: asDatabase,
        representation: { kind: 'notarised', registryNumber: '2026-0001234', entered: { attorneyIin: '900712400451', attorneyName: 'Н. Д.', powers: 'Подача', validFrom: '2025-01-01', validUntil: '2025-12-31', notary: 'Ж. Ә.' } },
      }),
      { code: 'invalid-input', reason: 'poa-not-valid-today' },
    );
  });
});
