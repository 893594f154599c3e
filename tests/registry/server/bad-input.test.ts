import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { request } from 'node:https';
import { after, before, test } from 'node:test';
import { createRegistryCa, createDeskKey, issueDeskCertificate } from '../../../pki/tls/registry-ca';
import { issueEnrolmentCode, revokeDesk } from '../../../registry/enrolment/enrolment';
import { commands, enrolTestDesk } from '../../support/registry-desk';
import { takeDeskUsers } from '../../../registry/sync/office-users';
import { REGISTRY_BACKENDS, startTestRegistry } from '../../support/registry';

/** The two digits of the year the registry leases for now. */
const THIS_YY = String(new Date().getFullYear()).slice(2);

const OFFICE = { authorityBin: '000140000028', officeCode: 'ALM' };

interface Identity {
  cert?: string;
  key?: string;
}
interface Case {
  name: string;
  method?: string;
  path: string;
  body?: string | Buffer;
  headers?: Record<string, string>;
  as?: 'desk' | 'none' | 'stranger' | 'revoked';
  status: number;
  error?: string;
}

const json = (value: unknown) => JSON.stringify(value);
const big = (bytes: number) => json({ clientId: randomUUID(), padding: 'x'.repeat(bytes) });

for (const backend of REGISTRY_BACKENDS) {
  let registry: Awaited<ReturnType<typeof startTestRegistry>>;
  let identities: Record<'desk' | 'none' | 'stranger' | 'revoked', Identity>;
  let clientId: string;
  let colleagueId: string;

  before(async () => {
    registry = await startTestRegistry(backend);
    const desk = await enrolTestDesk(registry.db, OFFICE);
    clientId = desk.clientId;
    // Someone another desk of the office listed: no other desk may list them as its own.
    const other = await enrolTestDesk(registry.db, OFFICE);
    colleagueId = randomUUID();
    await takeDeskUsers(registry.db, other.desk, [{ id: colleagueId, username: 'executor', fullName: 'Исполнитель', roles: ['executor'], active: true }]);
    const revoked = await enrolTestDesk(registry.db, OFFICE);
    await revokeDesk(registry.db, revoked.clientId, new Date());
    // A certificate from a CA of its own: TLS does not vouch for it, the registry does not know it.
    const foreignCa = createRegistryCa(new Date());
    const strangerKey = createDeskKey(randomUUID());
    const strangerCert = issueDeskCertificate(foreignCa, strangerKey.csrPem, { clientId: randomUUID(), officeCode: 'ALM', authorityBin: OFFICE.authorityBin }, new Date());
    identities = {
      desk: { cert: desk.certificatePem, key: desk.privateKeyPem },
      revoked: { cert: revoked.certificatePem, key: revoked.privateKeyPem },
      stranger: { cert: strangerCert, key: strangerKey.privateKeyPem },
      none: {},
    };
  });
  after(() => registry?.close());

  function send(c: Case): Promise<{ status: number; body: string }> {
    const identity = identities[c.as ?? 'desk'];
    const body = typeof c.body === 'string' ? Buffer.from(c.body) : (c.body ?? null);
    return new Promise((resolve, reject) => {
      const req = request(
        new URL(c.path, registry.url),
        {
          method: c.method ?? 'POST',
          ca: [registry.caPem],
          ...identity,
          agent: false,
          headers: { 'content-type': 'application/json', ...(body ? { 'content-length': String(body.length) } : {}), ...c.headers },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
        },
      );
      // The registry may close the connection while a refused oversize body is still being sent.
      req.on('error', (error) => (/EPIPE|ECONNRESET/.test(String(error)) ? resolve({ status: 413, body: '{"error":"body-too-large"}' }) : reject(error)));
      req.end(body ?? undefined);
    });
  }

  /** Everything the registry stores that a request could change. */
  const snapshot = async () =>
    json(
      await registry.db.query(`SELECT
        (SELECT count(*) FROM applications) AS applications, (SELECT count(*) FROM application_history) AS history,
        (SELECT count(*) FROM mutation_results) AS results, (SELECT coalesce(sum(last_mutation_id), 0) FROM desks) AS mutations,
        (SELECT count(*) FROM desks) AS desks, (SELECT count(*) FROM licence_blocks) AS blocks, (SELECT count(*) FROM files) AS files,
        (SELECT count(*) FROM uploads) AS uploads, (SELECT count(*) FROM licences) AS licences, (SELECT count(*) FROM changes) AS changes,
        (SELECT count(*) FROM enrolment_codes WHERE used_at IS NOT NULL) AS used_codes, (SELECT coalesce(max(value), 0) FROM counters) AS counters,
        (SELECT count(*) FROM office_users) AS users`),
    );

  function cases(): Case[] {
    const app = commands(randomUUID());
    const valid = app.register(1) as unknown as Record<string, unknown> & { payload: Record<string, unknown> };
    const push = (command: unknown, extra: object = {}) => json({ clientId, commands: [command], ...extra });
    const withPayload = (change: Record<string, unknown>) => push({ ...valid, payload: { ...valid.payload, ...change } });
    const list: Case[] = [];
    for (const endpoint of ['/v1/push', '/v1/pull', '/v1/lease', '/v1/enrol', '/v1/users']) {
      const as = endpoint === '/v1/enrol' ? ('none' as const) : ('desk' as const);
      list.push(
        { name: `${endpoint}: not JSON`, path: endpoint, body: '{"clientId":', as, status: 400, error: 'malformed-json' },
        { name: `${endpoint}: empty body`, path: endpoint, body: '', as, status: 400, error: 'malformed-json' },
        { name: `${endpoint}: text, not JSON`, path: endpoint, body: '{}', headers: { 'content-type': 'text/plain' }, as, status: 415, error: 'json-expected' },
        { name: `${endpoint}: null`, path: endpoint, body: 'null', as, status: 400, error: 'malformed-request' },
        { name: `${endpoint}: an array`, path: endpoint, body: '[]', as, status: 400, error: 'malformed-request' },
        { name: `${endpoint}: a number`, path: endpoint, body: '42', as, status: 400, error: 'malformed-request' },
        { name: `${endpoint}: a string`, path: endpoint, body: '"push"', as, status: 400, error: 'malformed-request' },
        { name: `${endpoint}: an empty object`, path: endpoint, body: '{}', as, status: 400, error: 'malformed-request' },
        { name: `${endpoint}: an unknown field`, path: endpoint, body: json({ clientId, cursor: 0, surprise: true }), as, status: 400, error: 'malformed-request' },
        { name: `${endpoint}: oversize (1.5 MB)`, path: endpoint, body: big(1_500_000), as, status: 413, error: 'body-too-large' },
        { name: `${endpoint}: GET`, method: 'GET', path: endpoint, as, status: 405, error: 'method-not-allowed' },
      );
    }
    list.push(
      { name: 'push: clientId not a uuid', path: '/v1/push', body: json({ clientId: 'desk-1', commands: [valid] }), status: 400 },
      { name: 'push: another desk’s clientId', path: '/v1/push', body: json({ clientId: randomUUID(), commands: [valid] }), status: 403, error: 'client-id-mismatch' },
      { name: 'push: no commands', path: '/v1/push', body: json({ clientId, commands: [] }), status: 400 },
      { name: 'push: 201 commands', path: '/v1/push', body: json({ clientId, commands: Array.from({ length: 201 }, (_, i) => app.register(i + 1)) }), status: 400 },
      ...[0, -1, 1.5, '1', 2 ** 31, null].map((mutationId) => ({ name: `push: mutationId ${json(mutationId)}`, path: '/v1/push', body: push({ ...valid, mutationId }), status: 400 })),
      ...['x', '', 42].map((eventId) => ({ name: `push: eventId ${json(eventId)}`, path: '/v1/push', body: push({ ...valid, eventId }), status: 400 })),
      ...['app-1', null].map((applicationId) => ({ name: `push: applicationId ${json(applicationId)}`, path: '/v1/push', body: push({ ...valid, applicationId }), status: 400 })),
      ...['yesterday', '2026-13-01T00:00:00Z', '2026-12-03', 1764748800000].map((at) => ({ name: `push: at ${json(at)}`, path: '/v1/push', body: push({ ...valid, at }), status: 400 })),
      ...['application.deleted', 'user.login', '', null].map((type) => ({ name: `push: type ${json(type)}`, path: '/v1/push', body: push({ ...valid, type }), status: 400 })),
      { name: 'push: entity not application', path: '/v1/push', body: push({ ...valid, entity: 'user' }), status: 400 },
      { name: 'push: no payload field check (extra key)', path: '/v1/push', body: withPayload({ secret: 1 }), status: 400 },
      { name: 'push: journal number missing', path: '/v1/push', body: push({ ...valid, payload: { ...valid.payload, journalNumber: undefined } }), status: 400 },
      ...['A'.repeat(64), 'a'.repeat(63), 'g'.repeat(64), 7].map((formSha256) => ({ name: `push: formSha256 ${json(formSha256).slice(0, 12)}`, path: '/v1/push', body: withPayload({ formSha256 }), status: 400 })),
      { name: 'push: procedure unknown', path: '/v1/push', body: withPayload({ procedure: 'renew' }), status: 400 },
      { name: 'push: applicant kind unknown', path: '/v1/push', body: withPayload({ applicant: { kind: 'robot', idn: '1', name: 'x', nameKk: null } }), status: 400 },
      { name: 'push: applicant extra key', path: '/v1/push', body: withPayload({ applicant: { kind: 'legal', idn: '1', name: 'x', nameKk: null, iban: 'KZ' } }), status: 400 },
      { name: 'push: warnings not a list', path: '/v1/push', body: withPayload({ warnings: 'none' }), status: 400 },
      { name: 'push: signerIin a number', path: '/v1/push', body: withPayload({ signerIin: 781103500670 }), status: 400 },
      { name: 'push: assignment without executor', path: '/v1/push', body: push({ ...app.assign(1), payload: {} }), status: 400 },
      { name: 'push: return without note', path: '/v1/push', body: push({ ...app.assign(1), type: 'application.returned-to-executor', payload: {} }), status: 400 },
      { name: 'push: licence without its file hash', path: '/v1/push', body: push({ ...app.assign(1), type: 'licence.issued', payload: { decisionId: randomUUID(), number: 'KZ26ALM00000001', warnings: [] } }), status: 400 },
      { name: 'push: licence with a malformed file hash', path: '/v1/push', body: push({ ...app.assign(1), type: 'licence.issued', payload: { decisionId: randomUUID(), number: 'KZ26ALM00000001', pdfSha256: 'abc', warnings: [] } }), status: 400 },
      { name: 'push: commands not a list', path: '/v1/push', body: json({ clientId, commands: valid }), status: 400 },
      ...[-1, 1.5, '0', null].map((cursor) => ({ name: `pull: cursor ${json(cursor)}`, path: '/v1/pull', body: json({ clientId, cursor }), status: 400 })),
      { name: 'pull: another desk’s clientId', path: '/v1/pull', body: json({ clientId: randomUUID(), cursor: 0 }), status: 403, error: 'client-id-mismatch' },
      ...[0, 10_001, -5, 2.5].map((size) => ({ name: `lease: size ${size}`, path: '/v1/lease', body: json({ clientId, leaseId: randomUUID(), year: THIS_YY, size }), status: 400 })),
      ...['2026', 'ab', '6'].map((year) => ({ name: `lease: year ${year}`, path: '/v1/lease', body: json({ clientId, leaseId: randomUUID(), year, size: 10 }), status: 400 })),
      { name: 'lease: lease id not a uuid', path: '/v1/lease', body: json({ clientId, leaseId: 'next', year: THIS_YY, size: 10 }), status: 400 },
      { name: 'lease: another desk’s clientId', path: '/v1/lease', body: json({ clientId: randomUUID(), leaseId: randomUUID(), year: THIS_YY, size: 10 }), status: 403 },
      ...((user = { id: randomUUID(), username: 'clerk', fullName: 'Клерк', roles: ['clerk'], active: true }) => [
        { name: 'users: someone another desk listed', path: '/v1/users', body: json({ clientId, users: [user, { ...user, id: colleagueId }] }), status: 409, error: 'user-of-another-desk' },
        { name: 'users: the same user twice', path: '/v1/users', body: json({ clientId, users: [user, user] }), status: 400, error: 'duplicate-user' },
        { name: 'users: with a password', path: '/v1/users', body: json({ clientId, users: [{ ...user, passwordHash: 'scrypt$…' }] }), status: 400 },
        { name: 'users: a role nobody has', path: '/v1/users', body: json({ clientId, users: [{ ...user, roles: ['root'] }] }), status: 400 },
        { name: 'users: id not a uuid', path: '/v1/users', body: json({ clientId, users: [{ ...user, id: 'u1' }] }), status: 400 },
        { name: 'users: empty name', path: '/v1/users', body: json({ clientId, users: [{ ...user, fullName: '' }] }), status: 400 },
        { name: 'users: 1,001 of them', path: '/v1/users', body: json({ clientId, users: Array.from({ length: 1001 }, () => ({ ...user, id: randomUUID() })) }), status: 400 },
        { name: 'users: another desk’s clientId', path: '/v1/users', body: json({ clientId: randomUUID(), users: [user] }), status: 403, error: 'client-id-mismatch' },
        { name: 'users: no client certificate', path: '/v1/users', as: 'none' as const, body: json({ clientId, users: [user] }), status: 401 },
        { name: 'users: a revoked desk', path: '/v1/users', as: 'revoked' as const, body: json({ clientId, users: [user] }), status: 403, error: 'desk-revoked' },
      ])(),
      { name: 'enrol: code of the wrong shape', path: '/v1/enrol', as: 'none', body: json({ code: 'letmein', csrPem: 'x', clientId: randomUUID(), deskName: 'd' }), status: 400 },
      { name: 'enrol: a code never issued', path: '/v1/enrol', as: 'none', body: json({ code: 'AAAAA-BBBBB-CCCCC-DDDDD', csrPem: createDeskKey('x').csrPem, clientId: randomUUID(), deskName: 'd' }), status: 403, error: 'enrolment-code-invalid' },
      { name: 'enrol: desk name empty', path: '/v1/enrol', as: 'none', body: json({ code: 'AAAAA-BBBBB-CCCCC-DDDDD', csrPem: 'x', clientId: randomUUID(), deskName: '' }), status: 400 },
      { name: 'enrol: desk name too long', path: '/v1/enrol', as: 'none', body: json({ code: 'AAAAA-BBBBB-CCCCC-DDDDD', csrPem: 'x', clientId: randomUUID(), deskName: 'd'.repeat(101) }), status: 400 },
      { name: 'enrol: csr too long', path: '/v1/enrol', as: 'none', body: json({ code: 'AAAAA-BBBBB-CCCCC-DDDDD', csrPem: 'x'.repeat(9000), clientId: randomUUID(), deskName: 'd' }), status: 400 },
      { name: 'push: no client certificate', path: '/v1/push', as: 'none', body: push(valid), status: 401, error: 'client-certificate-required' },
      { name: 'push: a certificate the registry did not issue', path: '/v1/push', as: 'stranger', body: push(valid), status: 401, error: 'client-certificate-required' },
      { name: 'push: a revoked desk', path: '/v1/push', as: 'revoked', body: push(valid), status: 403, error: 'desk-revoked' },
      { name: 'pull: no client certificate', path: '/v1/pull', as: 'none', body: json({ clientId, cursor: 0 }), status: 401 },
      { name: 'pull: a revoked desk', path: '/v1/pull', as: 'revoked', body: json({ clientId, cursor: 0 }), status: 403 },
      { name: 'lease: no client certificate', path: '/v1/lease', as: 'none', body: json({ clientId, leaseId: randomUUID(), year: THIS_YY, size: 10 }), status: 401 },
      { name: 'lease: a certificate the registry did not issue', path: '/v1/lease', as: 'stranger', body: json({ clientId, leaseId: randomUUID(), year: THIS_YY, size: 10 }), status: 401 },
      { name: 'file: no client certificate', method: 'HEAD', path: `/v1/files/${'a'.repeat(64)}`, as: 'none', status: 401 },
      { name: 'file: a revoked desk uploads', method: 'PUT', path: `/v1/files/${'a'.repeat(64)}`, as: 'revoked', body: 'x', headers: { 'upload-length': '1', 'upload-offset': '0' }, status: 403 },
      { name: 'file: no upload headers', method: 'PUT', path: `/v1/files/${'a'.repeat(64)}`, body: 'x', status: 400, error: 'upload-headers-missing' },
      { name: 'file: offset past what arrived', method: 'PUT', path: `/v1/files/${'a'.repeat(64)}`, body: 'x', headers: { 'upload-length': '10', 'upload-offset': '5' }, status: 409, error: 'offset-mismatch' },
      { name: 'file: bigger than any file may be', method: 'PUT', path: `/v1/files/${'a'.repeat(64)}`, body: 'x', headers: { 'upload-length': String(65 * 1024 * 1024), 'upload-offset': '0' }, status: 413 },
      { name: 'file: chunk beyond the declared size', method: 'PUT', path: `/v1/files/${'a'.repeat(64)}`, body: 'xyz', headers: { 'upload-length': '2', 'upload-offset': '0' }, status: 400, error: 'chunk-beyond-size' },
      { name: 'file: bytes that do not hash to the name', method: 'PUT', path: `/v1/files/${'a'.repeat(64)}`, body: 'not those bytes', headers: { 'upload-length': '15', 'upload-offset': '0' }, status: 422, error: 'file-hash-mismatch' },
      { name: 'file: chunk over 4 MiB', method: 'PUT', path: `/v1/files/${'b'.repeat(64)}`, body: Buffer.alloc(4 * 1024 * 1024 + 1), headers: { 'upload-length': String(8 * 1024 * 1024), 'upload-offset': '0' }, status: 413 },
      { name: 'file: a name that is not a hash', method: 'PUT', path: '/v1/files/..%2F..%2Fetc%2Fpasswd', body: 'x', status: 404 },
      { name: 'file: negative offset', method: 'PUT', path: `/v1/files/${'a'.repeat(64)}`, body: 'x', headers: { 'upload-length': '1', 'upload-offset': '-1' }, status: 400 },
      { name: 'public: not a licence number', method: 'GET', path: '/v1/public/licences/DROP%20TABLE', as: 'none', status: 400, error: 'invalid-licence-number' },
      { name: 'public: not a digest', method: 'GET', path: '/v1/public/qr/xyz', as: 'none', status: 400, error: 'invalid-digest' },
      { name: 'unknown path', method: 'GET', path: '/v1/admin', as: 'none', status: 404 },
      { name: 'DELETE a file', method: 'DELETE', path: `/v1/files/${'a'.repeat(64)}`, status: 405 },
    );
    return list;
  }

  test(`[${backend}] bad input to the registry: each request refused with a clear error, nothing written`, async () => {
    const all = cases();
    assert.ok(all.length >= 100, `only ${all.length} cases`);
    const before = await snapshot();
    const wrong: string[] = [];
    for (const c of all) {
      const answer = await send(c);
      let error: string | undefined;
      try {
        error = c.method === 'HEAD' ? undefined : (JSON.parse(answer.body) as { error?: string }).error;
      } catch {
        error = undefined;
      }
      if (answer.status !== c.status || (c.error && error !== c.error) || (c.method !== 'HEAD' && !error)) wrong.push(`${c.name}: ${answer.status} ${answer.body.slice(0, 120)}`);
    }
    assert.deepEqual(wrong, []);
    assert.equal(await snapshot(), before, 'a refused request wrote something');
    console.log(`[${backend}] ${all.length} bad requests, each refused, nothing written`);
  });

  test(`[${backend}] an enrolment code works once`, async () => {
    const { code } = await issueEnrolmentCode(registry.db, OFFICE, new Date());
    const enrol = () => send({ name: 'enrol', path: '/v1/enrol', as: 'none', body: json({ code, csrPem: createDeskKey('x').csrPem, clientId: randomUUID(), deskName: 'd' }), status: 200 });
    assert.equal((await enrol()).status, 200);
    const replay = await enrol();
    assert.equal(replay.status, 403);
    assert.equal((JSON.parse(replay.body) as { error: string }).error, 'enrolment-code-invalid');
  });
}
