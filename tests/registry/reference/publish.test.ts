import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { issueEnrolmentCode } from '../../../registry/enrolment/enrolment';
import { issueCrl } from '../../../registry/pki/crl-issuer';
import { publishCalendarYear, publishCatalogue, publishCertificates, publishCrl } from '../../../registry/reference/publish';
import { pullChanges } from '../../../registry/sync/pull';
import { enrolDesk } from '../../../main/sync/enrol';
import { syncRound } from '../../../main/sync/round';
import { openEnrolment } from '../../../main/sync/enrol';
import { registryTransport } from '../../../main/sync/transport';
import { importCrl } from '../../../main/services/revocation';
import { withReceivedReference } from '../../../main/catalogue/reference';
import { loadCalendar, loadCatalogue } from '../../../main/catalogue/load';
import { latestCrl } from '../../../db/repositories/crls';
import { trustedCertificates } from '../../../db/repositories/trust';
import { verifyAudit } from '../../../db/audit/verify';
import { DEMO_AUTHORITY } from '../../../main/demo/seed';
import type { Catalogue } from '../../../domain/catalogue/catalogue';
import { startTestCore, type TestCore } from '../../support/core';
import { createTestPki, type TestPki } from '../../support/pki';
import { REGISTRY_BACKENDS, startTestRegistry } from '../../support/registry';
import { enrolTestDesk } from '../../support/registry-desk';

const DAY = 86_400_000;
const crlOf = (ca: TestPki['intermediate'], crlNumber: number, revoked: string[] = [], nextUpdate = new Date(Date.now() + 7 * DAY)) =>
  issueCrl(ca, { revoked: revoked.map((serialHex) => ({ serialHex, revokedAt: new Date(Date.now() - 60_000) })), thisUpdate: new Date(Date.now() - 60_000), nextUpdate, crlNumber });

for (const backend of REGISTRY_BACKENDS) {
  let t: TestCore;
  let registry: Awaited<ReturnType<typeof startTestRegistry>>;
  let pki: TestPki;
  const round = () => {
    const enrolment = openEnrolment(t.core.ctx)!;
    const transport = registryTransport(enrolment.registryUrl, enrolment);
    return syncRound(t.core.ctx, transport, enrolment, { leaseSize: 10 }).finally(() => transport.close());
  };
  const events = (type: string) => t.core.ctx.db.prepare('SELECT payload FROM events WHERE type = ? ORDER BY seq').all(type).map((r) => JSON.parse((r as { payload: string }).payload) as Record<string, unknown>);

  before(async () => {
    [t, registry] = await Promise.all([startTestCore(), startTestRegistry(backend)]);
    pki = createTestPki();
    const { code } = await issueEnrolmentCode(registry.db, { authorityBin: DEMO_AUTHORITY.bin, officeCode: DEMO_AUTHORITY.officeCode }, new Date());
    await enrolDesk(t.core.ctx, { registryUrl: registry.url, code, deskName: 'desk 1' });
    await round();
  });
  after(async () => {
    await t?.close();
    await registry?.close();
  });

  test(`[${backend}] what the registry publishes for every office reaches the desk and is worked by at once: catalogue, calendar, CA certificates, CRL`, async () => {
    const shipped = t.core.ctx.catalogue;
    const next: Catalogue = { ...shipped, version: '2099-01-01', services: shipped.services.map((s, i) => (i === 0 ? { ...s, name: { ...s.name, ru: `${s.name.ru} (ред. 2099)` } } : s)) };
    assert.equal(t.core.ctx.calendar.isWorkingDay('2027-06-15'), true, 'a Tuesday');
    const year2027 = t.core.ctx.calendar.years().find((y) => y.year === 2027)!;
    const victim = pki.signer();

    assert.equal((await publishCatalogue(registry.db, next)).published, true);
    await publishCalendarYear(registry.db, { ...year2027, daysOff: [...year2027.daysOff, '2027-06-15'] });
    await publishCertificates(registry.db, [pki.root.certificateDer, pki.intermediate.certificateDer]);
    await publishCrl(registry.db, crlOf(pki.intermediate, 5, [victim.serialHex]), new Date());

    const report = await round();
    assert.equal(report.pulled, 5);
    assert.equal(t.core.ctx.catalogue.version, '2099-01-01');
    assert.match(t.core.ctx.catalogue.services[0]!.name.ru, /ред\. 2099/);
    assert.equal(t.core.ctx.calendar.isWorkingDay('2027-06-15'), false, 'the corrected year replaced the shipped one');
    assert.equal(t.core.ctx.calendar.isWorkingDay('2027-06-16'), true);
    const trusted = trustedCertificates(t.core.ctx.db).map((c) => c.sha256);
    for (const der of [pki.root.certificateDer, pki.intermediate.certificateDer]) assert.ok(trusted.some((sha) => der.equals(trustedCertificates(t.core.ctx.db).find((c) => c.sha256 === sha)!.der)));
    const intermediate = trustedCertificates(t.core.ctx.db).find((c) => c.der.equals(pki.intermediate.certificateDer))!;
    assert.equal(latestCrl(t.core.ctx.db, intermediate.sha256, false)?.crlNumber, 5);
    assert.deepEqual(events('reference.received').map((p) => p.kind).sort(), ['calendar', 'catalogue']);
    assert.equal(events('crl.imported').at(-1)?.source, 'registry');
    assert.ok(verifyAudit(t.core.ctx.db).ok, 'every row the pull wrote is vouched for');

    // What the desk works by after a restart: the same, from its own database.
    const reopened = withReceivedReference(t.core.ctx.db, { catalogue: loadCatalogue(), calendar: loadCalendar() });
    assert.equal(reopened.catalogue.version, '2099-01-01');
    assert.equal(reopened.calendar.isWorkingDay('2027-06-15'), false);

    // Nothing new: nothing pulled, nothing written.
    const before = t.core.ctx.db.prepare('SELECT count(*) AS n FROM events').get() as { n: number };
    assert.equal((await round()).pulled, 0);
    assert.deepEqual(t.core.ctx.db.prepare('SELECT count(*) AS n FROM events').get(), before);
  });

  test(`[${backend}] the registry refuses what must not replace what it published, and a newer publication supersedes the older change`, async () => {
    const catalogue = t.core.ctx.catalogue;
    assert.equal((await publishCatalogue(registry.db, catalogue)).published, false, 'the same again changes nothing');
    await assert.rejects(publishCatalogue(registry.db, { ...catalogue, version: '2098-12-31' }), { code: 'catalogue-not-newer' });
    await assert.rejects(publishCrl(registry.db, crlOf(pki.intermediate, 4), new Date()), { code: 'crl-not-newer' });
    await assert.rejects(publishCrl(registry.db, crlOf(createTestPki().intermediate, 1), new Date()), { code: 'crl-issuer-not-trusted' });
    await assert.rejects(publishCrl(registry.db, crlOf(pki.intermediate, 50, [], new Date(Date.now() - DAY)), new Date()), { code: 'crl-expired' });
    await assert.rejects(publishCrl(registry.db, Buffer.from('not a crl'), new Date()), { code: 'crl-malformed' });
    await assert.rejects(publishCertificates(registry.db, [pki.signer().issued.certificateDer]), { code: 'not-a-ca-certificate' });
    await assert.rejects(publishCertificates(registry.db, [Buffer.from('junk')]), { code: 'certificate-unreadable' });

    const calendarChanges = async () => (await registry.db.query<{ seq: string }>("SELECT seq FROM changes WHERE authority_bin IS NULL AND body->>'kind' = 'reference.calendar'")).map((r) => Number(r.seq));
    const [first] = await calendarChanges();
    const year2027 = t.core.ctx.calendar.years().find((y) => y.year === 2027)!;
    const again = await publishCalendarYear(registry.db, { ...year2027, daysOff: [...year2027.daysOff, '2027-06-16'] });
    assert.deepEqual(await calendarChanges(), [again.seq], 'the older change is gone: a desk behind it pulls only the newer');
    assert.ok(again.seq > first!);
    await round();
    assert.equal(t.core.ctx.calendar.isWorkingDay('2027-06-16'), false);
  });

  test(`[${backend}] a reference change the desk cannot take is passed over with its reason, and the changes behind it still apply`, async () => {
    const intermediate = trustedCertificates(t.core.ctx.db).find((c) => c.der.equals(pki.intermediate.certificateDer))!;
    importCrl(t.core.ctx, crlOf(pki.intermediate, 9), null);
    await publishCrl(registry.db, crlOf(pki.intermediate, 7), new Date());
    await publishCalendarYear(registry.db, { year: 2030, daysOff: ['2030-01-01', '2030-01-02'], workingWeekends: [] });
    await round();
    assert.equal(latestCrl(t.core.ctx.db, intermediate.sha256, false)?.crlNumber, 9, 'the newer CRL imported by hand stays');
    assert.deepEqual(events('reference.skipped').at(-1), { kind: 'reference.crl', reason: 'crl-older-than-stored' });
    assert.equal(t.core.ctx.calendar.isWorkingDay('2030-01-02'), false);
    assert.ok(verifyAudit(t.core.ctx.db).ok);
  });

  test(`[${backend}] a pull page stops at its byte budget, holding at least one change; the next page goes on from there`, async () => {
    const { desk } = await enrolTestDesk(registry.db, { authorityBin: DEMO_AUTHORITY.bin, officeCode: DEMO_AUTHORITY.officeCode });
    const whole = await pullChanges(registry.db, desk, 0);
    const reference = whole.changes.filter((c) => c.kind.startsWith('reference.'));
    assert.ok(reference.length >= 4);
    const first = await pullChanges(registry.db, desk, 0, 1);
    assert.equal(first.more, true);
    const pages = [first];
    while (pages.at(-1)!.more) pages.push(await pullChanges(registry.db, desk, pages.at(-1)!.cursor, 1));
    // Only reference changes (which can be large) count against the budget: one of them a page.
    for (const page of pages) assert.ok(page.changes.filter((c) => c.kind.startsWith('reference.')).length <= 1, JSON.stringify(page.changes.map((c) => c.kind)));
    assert.ok(pages.length > reference.length - 1);
    assert.deepEqual(pages.flatMap((p) => p.changes.map((c) => c.seq)), whole.changes.map((c) => c.seq), 'the same changes, in the same order');
  });
}
