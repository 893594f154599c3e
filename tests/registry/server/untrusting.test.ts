import assert from 'node:assert/strict';
import { createHash, randomUUID } from 'node:crypto';
import { connect } from 'node:net';
import { after, before, test } from 'node:test';
import { Change, PublicLicence } from '../../../domain/sync/protocol';
import { DESK_DAILY_NUMBERS } from '../../../registry/sync/lease';
import { commands, enrolTestDesk } from '../../support/registry-desk';
import { REGISTRY_BACKENDS, startTestRegistry } from '../../support/registry';
import { registryRequest, type DeskIdentity } from '../../support/registry-http';
import { createDeskKey } from '../../../pki/tls/registry-ca';
import { issueEnrolmentCode } from '../../../registry/enrolment/enrolment';

/**
 * The findings of issue 29, each as a faulty or hostile desk (or a stranger on the public port) would
 * try it over a real socket: the registry takes no desk further than its own office.
 */
const A = { authorityBin: '000140000028', officeCode: 'ALM' };
const B = { authorityBin: '120240012345', officeCode: 'AST' };
const json = (value: unknown) => JSON.stringify(value);
const YEAR = new Date().getUTCFullYear();
const YY = String(YEAR).slice(2);

for (const backend of REGISTRY_BACKENDS) {
  let registry: Awaited<ReturnType<typeof startTestRegistry>>;
  type TestDesk = Awaited<ReturnType<typeof enrolTestDesk>> & { identity: DeskIdentity; next: number };
  let deskA: TestDesk;
  let deskA2: TestDesk;
  let deskC: TestDesk;

  const enrol = async (office: typeof A): Promise<TestDesk> => {
    const desk = await enrolTestDesk(registry.db, office);
    return { ...desk, identity: { cert: desk.certificatePem, key: desk.privateKeyPem }, next: 1 };
  };
  const call = (desk: TestDesk | null, c: { method?: string; path: string; body?: string | Buffer; headers?: Record<string, string> }) =>
    registryRequest(registry.url, registry.caPem, { ...c, ...(desk ? { identity: desk.identity } : {}) });
  const push = (desk: TestDesk, commandList: unknown[]) => call(desk, { path: '/v1/push', body: json({ clientId: desk.clientId, commands: commandList }) });
  const pull = (desk: TestDesk) => call(desk, { path: '/v1/pull', body: json({ clientId: desk.clientId, cursor: 0 }) });
  /** A valid registration by this desk (the next mutation id), with a change to its payload. */
  const registration = (desk: TestDesk, office: typeof A, change: Record<string, unknown> = {}, header: Record<string, unknown> = {}) => {
    const command = commands(randomUUID(), office.officeCode).register(desk.next, `${office.officeCode}-${YEAR}-${String(1000 + desk.next).padStart(5, '0')}`) as unknown as {
      applicationId: string;
      payload: Record<string, unknown>;
    };
    return { ...command, at: new Date().toISOString(), payload: { ...command.payload, dueDate: `${YEAR + 1}-01-15`, ...change }, ...header };
  };
  const upload = (desk: TestDesk, bytes: Buffer) =>
    call(desk, { method: 'PUT', path: `/v1/files/${createHash('sha256').update(bytes).digest('hex')}`, body: bytes, headers: { 'upload-length': String(bytes.length), 'upload-offset': '0', 'content-type': 'application/octet-stream' } });

  /** Everything a refused request could have changed. */
  const digest = async () =>
    json(
      await registry.db.query(`SELECT (SELECT count(*) FROM applications) AS a, (SELECT count(*) FROM changes) AS c, (SELECT count(*) FROM file_owners) AS o,
        (SELECT coalesce(sum(last_mutation_id), 0) FROM desks) AS m, (SELECT count(*) FROM licence_blocks) AS b, (SELECT coalesce(max(value), 0) FROM counters) AS n`),
    );

  before(async () => {
    registry = await startTestRegistry(backend, { idleMs: { public: 1_000, sync: 2_000 } });
    deskA = await enrol(A);
    deskA2 = await enrol(A);
    deskC = await enrol(B);
  });
  after(() => registry?.close());

  test(`[${backend}] finding 1: another authority's file can be neither fetched, nor claimed by naming it, nor seen to exist`, async () => {
    const secret = Buffer.from(`authority A's signed licence ${randomUUID()}`);
    const sha256 = createHash('sha256').update(secret).digest('hex');
    assert.equal((await upload(deskA, secret)).status, 200);
    assert.equal((await call(deskA2, { method: 'GET', path: `/v1/files/${sha256}` })).status, 200, 'the office’s other desk fetches it');
    assert.equal((await call(deskC, { method: 'GET', path: `/v1/files/${sha256}` })).status, 404);
    // C names A's file in a registration of its own: the registry waits for C to upload it, and still will not hand it out.
    const document = { id: randomUUID(), slotCode: 'application-form', fileName: 'licence.pdf', mime: 'application/pdf', size: secret.length, sha256, pages: 1 };
    const claim = await push(deskC, [registration(deskC, B, { documents: [document] })]);
    assert.equal(claim.status, 200, claim.body);
    assert.deepEqual(JSON.parse(claim.body), { lastMutationId: 0, results: [], waitingForFiles: [sha256] });
    assert.equal((await call(deskC, { method: 'GET', path: `/v1/files/${sha256}` })).status, 404);
    const head = await call(deskC, { method: 'HEAD', path: `/v1/files/${sha256}` });
    assert.deepEqual([head.headers['upload-offset'], head.headers['upload-complete']], ['0', '0'], 'HEAD tells C nothing of A’s file');
    const state = await call(deskC, { path: '/v1/files/state', body: json({ clientId: deskC.clientId, files: [sha256] }) });
    assert.deepEqual(JSON.parse(state.body), { files: { [sha256]: { offset: 0, complete: false } } });
    // Holding the bytes is proof enough: C uploads them, and then the file is C's authority's too.
    assert.equal((await upload(deskC, secret)).status, 200);
    const again = await push(deskC, [registration(deskC, B, { documents: [document] })]);
    assert.equal(JSON.parse(again.body).results[0].outcome, 'accepted', again.body);
    deskC.next++;
    assert.equal((await call(deskC, { method: 'GET', path: `/v1/files/${sha256}` })).status, 200);
  });

  test(`[${backend}] finding 1: another authority's application is "unknown", as one that does not exist`, async () => {
    const theirs = registration(deskA, A);
    assert.equal(JSON.parse((await push(deskA, [theirs])).body).results[0].outcome, 'accepted');
    deskA.next++;
    const touch = await push(deskC, [{ ...commands(String(theirs.applicationId)).assign(deskC.next++), at: new Date().toISOString() }]);
    const nobody = await push(deskC, [{ ...commands(randomUUID()).assign(deskC.next++), at: new Date().toISOString() }]);
    assert.equal(JSON.parse(touch.body).results[0].reason, 'application-unknown');
    assert.equal(JSON.parse(nobody.body).results[0].reason, 'application-unknown', 'the same answer as for an application nobody has');
  });

  test(`[${backend}] finding 2 and 9: a command without its payload is refused whole; every stored change still pulls`, async () => {
    const before = await digest();
    for (const type of ['application.handed-out', 'application.survey-recorded', 'licence.issued', 'licence.refused', 'application.assigned']) {
      const answer = await push(deskA, [{ mutationId: deskA.next, eventId: randomUUID(), applicationId: randomUUID(), at: new Date().toISOString(), type, entity: 'application' }]);
      assert.equal(answer.status, 400, `${type}: ${answer.body}`);
    }
    assert.equal(await digest(), before);
    for (const desk of [deskA, deskA2, deskC]) {
      const page = await pull(desk);
      assert.equal(page.status, 200, page.body);
    }
    const stored = await registry.db.query<{ body: Record<string, unknown>; seq: string }>('SELECT seq, body FROM changes');
    for (const row of stored) Change.parse({ ...row.body, seq: Number(row.seq) });
  });

  test(`[${backend}] finding 5: one desk cannot drain the year's licence numbers; asking far past its office's use raises an alarm`, async () => {
    const greedy = await enrol(A);
    let leased = 0;
    let refusal: { status: number; body: string } | null = null;
    for (let i = 0; i < 10 && !refusal; i++) {
      const answer = await call(greedy, { path: '/v1/lease', body: json({ clientId: greedy.clientId, leaseId: randomUUID(), year: YY, size: 10_000 }) });
      if (answer.status === 200) leased += 10_000;
      else refusal = answer;
    }
    assert.equal(leased, DESK_DAILY_NUMBERS);
    assert.equal(refusal?.status, 429);
    assert.equal(JSON.parse(refusal!.body).error, 'lease-limit');
    const alarms = await registry.db.query<{ kind: string }>('SELECT kind FROM operator_alarms WHERE client_id = $1', [greedy.clientId]);
    assert.deepEqual(alarms.map((a) => a.kind), ['lease-licence'], 'one alarm a day, not one a lease');
    const wrongYear = await call(greedy, { path: '/v1/lease', body: json({ clientId: greedy.clientId, leaseId: randomUUID(), year: '99', size: 10 }) });
    assert.deepEqual([wrongYear.status, JSON.parse(wrongYear.body).error], [400, 'lease-year-not-current']);
  });

  test(`[${backend}] findings 6, 7 and 9: values the desk would refuse are refused here too, with 400, never 500, and change nothing`, async () => {
    const before = await digest();
    const applicant = { kind: 'legal', idn: '150840001234', name: 'ТОО «Тест»', nameKk: null };
    const cases: [string, Record<string, unknown>, Record<string, unknown>?][] = [
      ['journal number past 32 bits', { journalNumber: `ALM-${YEAR}-2147483647` }],
      ['journal sequence above 2^31', { journalNumber: `ALM-${YEAR}-99999999999` }],
      ['journal year 0000', { journalNumber: 'ALM-0000-00001' }],
      ['dated in year 9999', {}, { at: '9999-12-31T23:59:59.999+14:00' }],
      ['dated in year 0000', {}, { at: '0000-01-01T00:00:00Z' }],
      ['due date not a date', { dueDate: 'tomorrow' }],
      ['due date in 9999', { dueDate: '9999-12-31' }],
      ['NUL in a name', { applicant: { ...applicant, name: 'ТОО\u0000' } }],
      ['control character in a name', { applicant: { ...applicant, name: 'ТОО\u001b[31m' } }],
      ['bidi override in a name', { applicant: { ...applicant, name: 'ТОО \u202eрыбка' } }],
      ['zero-width only name', { applicant: { ...applicant, name: '\u200b\u200b' } }],
      ['500 KB name', { applicant: { ...applicant, name: 'Ж'.repeat(500_000) } }],
      ['IIN not numeric', { applicant: { ...applicant, idn: '15084000123X' } }],
      ['IIN with a wrong check digit', { applicant: { ...applicant, idn: '150840001235' } }],
      ['service code not a code', { serviceCode: '../../etc' }],
      ['a document name that is a path', { documents: [{ id: randomUUID(), slotCode: 'form', fileName: '../../etc/passwd', mime: 'application/pdf', size: 1, sha256: 'a'.repeat(64), pages: 1 }] }],
      ['NUL deep in the applicant record', { details: { catalogueVersion: '1', applicant: { address: { street: 'x\u0000' } }, representation: {}, formCmsSha256: null } }],
      ['an extra field in the payload', { surprise: true }],
      ['an extra field on the command', {}, { surprise: true }],
    ];
    for (const [name, change, header] of cases) {
      const answer = await push(deskA, [registration(deskA, A, change, header)]);
      assert.ok(answer.status === 400 || answer.status === 413, `${name}: ${answer.status} ${answer.body.slice(0, 200)}`);
    }
    assert.equal(await digest(), before);
    // Well-formed, but not for this desk to say: refused for good with a reason, the id advanced.
    const refusals: [string, Record<string, unknown>, Record<string, unknown>?][] = [
      ['service-unknown', { serviceCode: 'no-such-service' }],
      ['number-of-another-office', { journalNumber: `AST-${YEAR}-00001` }],
      ['date-out-of-range', {}, { at: `${YEAR + 2}-01-01T00:00:00Z` }],
      ['date-out-of-range', { dueDate: `${YEAR + 3}-01-01` }],
    ];
    for (const [reason, change, header] of refusals) {
      const answer = await push(deskA, [registration(deskA, A, change, header)]);
      assert.equal(answer.status, 200, answer.body);
      assert.deepEqual(JSON.parse(answer.body).results, [{ mutationId: deskA.next, outcome: 'rejected', reason }]);
      deskA.next++;
    }
    // The office's other desk still leases and pulls.
    const lease = await call(deskA2, { path: '/v1/lease', body: json({ clientId: deskA2.clientId, leaseId: randomUUID(), series: 'journal', year: YY, size: 100 }) });
    assert.equal(lease.status, 200, lease.body);
    assert.equal((await pull(deskA2)).status, 200);
  });

  test(`[${backend}] finding 7: bad percent-encoding in a public path is a 400`, async () => {
    const answer = await registryRequest(registry.publicUrl!, registry.caPem, { method: 'GET', path: '/v1/public/licences/%E0%A4%A' });
    assert.equal(answer.status, 400);
  });

  test(`[${backend}] finding 8: silent connections are closed; guesses and lookups are rate-limited; the public sees a masked IIN/BIN`, async () => {
    const port = Number(new URL(registry.publicUrl!).port);
    const closed = await new Promise<boolean>((resolve) => {
      const socket = connect(port, '127.0.0.1');
      // Closed after the 1 s the test registry allows; the wait is only a ceiling for a busy machine.
      const timer = setTimeout(() => resolve(false), 20_000);
      socket.on('close', () => {
        clearTimeout(timer);
        resolve(true);
      });
    });
    assert.ok(closed, 'a connection that says nothing is closed');
    const guesses: number[] = [];
    for (let i = 0; i < 7; i++) {
      const key = createDeskKey(randomUUID());
      const answer = await call(null, { path: '/v1/enrol', body: json({ code: 'AAAAA-BBBBB-CCCCC-DDDDD', csrPem: key.csrPem, clientId: randomUUID(), deskName: 'guess' }) });
      guesses.push(answer.status);
    }
    assert.deepEqual(guesses, [403, 403, 403, 403, 403, 429, 429]);
    const lookups: number[] = [];
    for (let i = 0; i < 70; i++) lookups.push((await registryRequest(registry.publicUrl!, registry.caPem, { method: 'GET', path: `/v1/public/licences/KZ${YY}ALM0000000${i % 10}` })).status);
    assert.ok(lookups.slice(0, 60).every((s) => s === 404), String(lookups.slice(0, 60)));
    assert.ok(lookups.slice(60).every((s) => s === 429), String(lookups.slice(60)));
    assert.ok(PublicLicence.shape.holder.shape.idn.safeParse('••••••••1234').success);
    assert.ok(!PublicLicence.shape.holder.shape.idn.safeParse('150840001234').success, 'a full IIN/BIN is not in the protocol');
  });
}

for (const backend of REGISTRY_BACKENDS) {
  test(`[${backend}] finding 4: a resent mutation id with other content is "diverged", never another command's answer; enrolled again, the desk goes on past the registry's last and its numbers go on past every block`, async () => {
    const registry = await startTestRegistry(backend);
    try {
      const desk = await enrolTestDesk(registry.db, A);
      let identity: DeskIdentity = { cert: desk.certificatePem, key: desk.privateKeyPem };
      const call = (path: string, body: unknown) => registryRequest(registry.url, registry.caPem, { path, body: json(body), identity });
      const app = commands(randomUUID(), 'ALM');
      const at = new Date().toISOString();
      const sent = [app.register(1, `ALM-${YEAR}-00001`), app.assign(2), app.submit(3)].map((c) => ({ ...c, at, ...(c.type === 'application.registered' ? { payload: { ...c.payload, dueDate: `${YEAR + 1}-01-15` } } : {}) }));
      assert.equal((await call('/v1/push', { clientId: desk.clientId, commands: sent })).status, 200);
      const lease = JSON.parse((await call('/v1/lease', { clientId: desk.clientId, leaseId: randomUUID(), year: YY, size: 100 })).body) as { first: number; last: number };
      // The same ids again, as they were: the stored answers.
      const again = await call('/v1/push', { clientId: desk.clientId, commands: sent });
      assert.equal(JSON.parse(again.body).results.length, 3);
      // A restored copy of the desk numbers new work from where its backup stood: id 2 is now something else.
      const other = commands(randomUUID(), 'ALM');
      const restored = { ...other.register(2, `ALM-${YEAR}-00002`), at, payload: { ...other.register(2).payload, journalNumber: `ALM-${YEAR}-00002`, dueDate: `${YEAR + 1}-01-15` } };
      const diverged = await call('/v1/push', { clientId: desk.clientId, commands: [restored] });
      assert.deepEqual([diverged.status, JSON.parse(diverged.body).error], [409, 'desk-diverged']);
      // Stopped until enrolled again: no push, no lease; it may still pull.
      assert.equal((await call('/v1/push', { clientId: desk.clientId, commands: sent })).status, 409);
      assert.equal((await call('/v1/lease', { clientId: desk.clientId, leaseId: randomUUID(), year: YY, size: 100 })).status, 409);
      assert.equal((await call('/v1/pull', { clientId: desk.clientId, cursor: 0 })).status, 200);
      assert.equal((await registry.db.query('SELECT 1 FROM applications')).length, 1, 'nothing of the restored copy applied');
      // Enrolled again with a new code of its office, under its own client id.
      const { code } = await issueEnrolmentCode(registry.db, A, new Date());
      const key = createDeskKey(desk.clientId);
      const enrolled = await registryRequest(registry.url, registry.caPem, { path: '/v1/enrol', body: json({ code, csrPem: key.csrPem, clientId: desk.clientId, deskName: 'restored' }) });
      assert.equal(enrolled.status, 200, enrolled.body);
      const answer = JSON.parse(enrolled.body) as { lastMutationId: number; certificatePem: string };
      assert.equal(answer.lastMutationId, 3);
      const oldIdentity = identity;
      identity = { cert: answer.certificatePem, key: key.privateKeyPem };
      assert.equal((await registryRequest(registry.url, registry.caPem, { path: '/v1/pull', body: json({ clientId: desk.clientId, cursor: 0 }), identity: oldIdentity })).status, 401, 'the old certificate opens nothing');
      // Its waiting work renumbered after 3: a command the registry had under id 2 gets its old answer, not a second effect; new work applies.
      const renumbered = [{ ...sent[1]!, mutationId: 4 }, { ...restored, mutationId: 5 }];
      const resumed = JSON.parse((await call('/v1/push', { clientId: desk.clientId, commands: renumbered })).body) as { lastMutationId: number; results: { outcome: string }[] };
      assert.equal(resumed.lastMutationId, 5);
      assert.deepEqual(resumed.results.map((r) => r.outcome), ['accepted', 'accepted']);
      assert.equal((await registry.db.query('SELECT 1 FROM application_history')).length, 4, 'the assignment was not applied twice');
      // Its numbers go on past everything: a new block starts after every one leased before.
      const fresh = JSON.parse((await call('/v1/lease', { clientId: desk.clientId, leaseId: randomUUID(), year: YY, size: 100 })).body) as { first: number };
      assert.ok(fresh.first > lease.last, `${fresh.first} after ${lease.last}`);
    } finally {
      await registry.close();
    }
  });
}
