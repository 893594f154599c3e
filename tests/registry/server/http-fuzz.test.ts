import assert from 'node:assert/strict';
import { createHash, randomUUID } from 'node:crypto';
import { after, before, test } from 'node:test';
import fc from 'fast-check';
import { Change } from '../../../domain/sync/protocol';
import { revokeDesk } from '../../../registry/enrolment/enrolment';
import { commands, enrolTestDesk } from '../../support/registry-desk';
import { REGISTRY_BACKENDS, startTestRegistry } from '../../support/registry';
import { registryRequest, type DeskIdentity } from '../../support/registry-http';

/**
 * The registry's HTTP API fed what a broken or hostile desk would send, over a real socket: each
 * endpoint's valid request (every kind of command, as the shared schema has them), then one value
 * somewhere in it replaced by something hostile, removed, or joined by a field nobody asked for — as a
 * desk of the authority, a desk of another, a withdrawn desk, and no desk at all. Never a 500; a refused
 * request changes nothing (every table's digest); every change stored pulls. Fixed seed, fixed count.
 */
const A = { authorityBin: '000140000028', officeCode: 'ALM' };
const B = { authorityBin: '120240012345', officeCode: 'AST' };
const YEAR = new Date().getUTCFullYear();
const YY = String(YEAR).slice(2);
// 2,000 requests a run in all, shared by the backends the run has.
const RUNS = Number(process.env.AJO_FUZZ_RUNS ?? Math.ceil(2000 / REGISTRY_BACKENDS.length));

const nastyCharacter = fc.constantFrom('\u0000', '\u001b', '\u007f', '\u2028', '\u202e', '\u2066', '\u200b', '\ufeff', '"', '\\', '%', '../', '\ud800', "';--");
const nastyValue = fc.oneof(
  fc.array(nastyCharacter, { maxLength: 8 }).map((parts) => parts.join('')),
  fc.string({ unit: 'binary', maxLength: 30 }),
  fc.constantFrom<unknown>('', 'Ж'.repeat(300_000), '9999-12-31T23:59:59.999+14:00', '0000-01-01', 'tomorrow', `ALM-${YEAR}-2147483647`, `AST-${YEAR}-00001`, 'KZ99ZZZ99999999', '15084000123X', 'a'.repeat(64), 'no-such-service'),
  fc.constantFrom<unknown>(null, true, 0, -1, 1.5, 2 ** 31, 2 ** 53 + 1, 1e308, [], {}, [null]),
  fc.uuid(),
  fc.jsonValue({ maxDepth: 3 }),
);

type Json = Record<string, unknown> | unknown[];
/** A path segment of any bytes (a bare % and broken UTF-8 among them): each byte percent-encoded, or left raw when printable. */
const percentEncoded = (value: string) =>
  [...Buffer.from(value.slice(0, 100), 'utf8')].map((b) => (b > 0x20 && b < 0x7f && b !== 0x2f && b !== 0x3f && b !== 0x23 ? String.fromCharCode(b) : `%${b.toString(16).padStart(2, '0')}`)).join('');
/** Every path to a value inside a JSON value. */
function pathsOf(value: unknown, prefix: (string | number)[] = []): (string | number)[][] {
  if (Array.isArray(value)) return [prefix, ...value.flatMap((v, i) => pathsOf(v, [...prefix, i]))];
  if (value && typeof value === 'object') return [prefix, ...Object.entries(value).flatMap(([k, v]) => pathsOf(v, [...prefix, k]))];
  return [prefix];
}

/** The template with the value at one path replaced, removed, or a stranger field added beside it. */
function broken(template: Json, pick: number, how: 'replace' | 'remove' | 'add', value: unknown): Json {
  const copy = structuredClone(template);
  const paths = pathsOf(copy).filter((p) => p.length > 0);
  const path = paths[pick % paths.length]!;
  let parent: Record<string | number, unknown> = copy as Record<string | number, unknown>;
  for (const step of path.slice(0, -1)) parent = parent[step] as Record<string | number, unknown>;
  const last = path.at(-1)!;
  if (how === 'replace') parent[last] = value;
  else if (how === 'remove') delete parent[last];
  else if (!Array.isArray(parent)) parent[`x-${pick}`] = value;
  return copy;
}

for (const backend of REGISTRY_BACKENDS) {
  let registry: Awaited<ReturnType<typeof startTestRegistry>>;
  const identities = new Map<string, { identity?: DeskIdentity; clientId: string }>();
  let next = 1;

  before(async () => {
    registry = await startTestRegistry(backend);
    for (const [name, office] of [
      ['desk', A],
      ['colleague', A],
      ['other-authority', B],
      ['revoked', A],
    ] as const) {
      const desk = await enrolTestDesk(registry.db, office);
      identities.set(name, { identity: { cert: desk.certificatePem, key: desk.privateKeyPem }, clientId: desk.clientId });
      if (name === 'revoked') await revokeDesk(registry.db, desk.clientId, new Date());
    }
    identities.set('none', { clientId: randomUUID() });
  });
  after(() => registry?.close());

  /** Every table's rows, as one digest per table: what "nothing changed" means. */
  async function digest(): Promise<string> {
    const tables = await registry.db.query<{ name: string }>("SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY table_name");
    const hash = createHash('sha256');
    for (const { name } of tables) {
      const [row] = await registry.db.query<{ h: string | null }>(`SELECT md5(string_agg(x::text, ',' ORDER BY x::text)) AS h FROM "${name}" x`);
      hash.update(`${name}:${row?.h ?? ''}`);
    }
    return hash.digest('hex');
  }

  /** Valid requests of every endpoint, for the desk (the next mutation id is its own to keep). */
  function templates(clientId: string): { method: string; path: string; body: Json | null }[] {
    const app = commands(randomUUID(), 'ALM');
    const at = new Date().toISOString();
    const id = next;
    const registered = { ...app.register(id, `ALM-${YEAR}-${String(10_000 + id).padStart(5, '0')}`), at };
    (registered.payload as Record<string, unknown>).dueDate = `${YEAR + 1}-01-15`;
    (registered.payload as Record<string, unknown>).documents = [{ id: randomUUID(), slotCode: 'application', fileName: 'a.pdf', mime: 'application/pdf', size: 10, sha256: 'b'.repeat(64), pages: 1 }];
    const step = (type: string, payload: Record<string, unknown>) => ({ ...app.assign(id), type, at, payload });
    const kinds = [
      registered,
      { ...app.assign(id), at },
      step('application.submitted-for-decision', { checklist: [{ itemCode: 'staff', met: true, note: '' }], draft: { subtypes: [1], productionBase: 'Алматы', specialConditions: '', validUntil: null } }),
      step('application.returned-to-executor', { note: 'Проверьте' }),
      step('licence.issued', { decisionId: randomUUID(), number: `KZ${YY}ALM00000001`, pdfSha256: 'c'.repeat(64), warnings: [], qr: 'AJO1|licence' }),
      step('licence.refused', { decisionId: randomUUID(), number: `ALM-${YEAR}-R00001`, pdfSha256: 'c'.repeat(64), warnings: [] }),
      step('application.completeness-confirmed', {}),
      step('application.handed-out', { handedAt: at, method: 'in-person', recipient: 'Иванов', recipientIdn: null }),
      step('application.survey-recorded', { process: 'satisfied', information: 'partly' }),
    ];
    return [
      ...kinds.map((command) => ({ method: 'POST', path: '/v1/push', body: { clientId, commands: [command] } })),
      { method: 'POST', path: '/v1/pull', body: { clientId, cursor: 0 } },
      { method: 'POST', path: '/v1/lease', body: { clientId, leaseId: randomUUID(), series: 'journal', year: YY, size: 10 } },
      { method: 'POST', path: '/v1/users', body: { clientId, users: [{ id: randomUUID(), username: 'clerk', fullName: 'Клерк', roles: ['clerk'], active: true }] } },
      { method: 'POST', path: '/v1/files/state', body: { clientId, files: ['b'.repeat(64)] } },
      { method: 'POST', path: '/v1/audit-anchor', body: { clientId } },
      { method: 'POST', path: '/v1/enrol', body: { code: 'AAAAA-BBBBB-CCCCC-DDDDD', csrPem: 'x', clientId, deskName: 'd' } },
      { method: 'GET', path: `/v1/files/${'b'.repeat(64)}`, body: null },
      { method: 'GET', path: `/v1/public/licences/KZ${YY}ALM00000001`, body: null },
    ];
  }

  const request = fc.record({
    who: fc.constantFrom('desk', 'desk', 'desk', 'colleague', 'other-authority', 'revoked', 'none'),
    endpoint: fc.nat(),
    how: fc.constantFrom<'valid' | 'replace' | 'remove' | 'add'>('valid', 'replace', 'replace', 'replace', 'remove', 'add'),
    pick: fc.nat(),
    value: nastyValue,
  });

  test(`[${backend}] fuzz: ${RUNS} requests to every endpoint as every kind of caller — never a 500, a refusal changes nothing, every stored change pulls`, { timeout: 900_000 }, async (t) => {
    const statuses = new Map<number, number>();
    await fc.assert(
      fc.asyncProperty(request, async ({ who, endpoint, how, pick, value }) => {
        const caller = identities.get(who)!;
        const all = templates(caller.clientId);
        const chosen = all[endpoint % all.length]!;
        const body = chosen.body === null ? null : how === 'valid' ? chosen.body : broken(chosen.body, pick, how, value);
        const path = chosen.body === null && how !== 'valid' && typeof value === 'string' ? chosen.path.replace(/[^/]+$/, percentEncoded(value) || 'x') : chosen.path;
        const before = await digest();
        const answer = await registryRequest(registry.url, registry.caPem, { method: chosen.method, path, ...(body === null ? {} : { body: JSON.stringify(body) }), ...(caller.identity ? { identity: caller.identity } : {}) });
        statuses.set(answer.status, (statuses.get(answer.status) ?? 0) + 1);
        assert.notEqual(answer.status, 500, `${chosen.method} ${path} as ${who}: ${answer.body.slice(0, 300)}`);
        if (answer.status !== 200) assert.equal(await digest(), before, `${chosen.method} ${path} as ${who} was refused (${answer.status}) but changed the registry`);
        // The desk's own ids move on only when its push was answered.
        if (who === 'desk' && path === '/v1/push' && answer.status === 200) next = (JSON.parse(answer.body) as { lastMutationId: number }).lastMutationId + 1;
      }),
      { seed: Number(process.env.AJO_FUZZ_SEED ?? 20261207), numRuns: RUNS, endOnFailure: true },
    );
    t.diagnostic(`statuses: ${JSON.stringify(Object.fromEntries(statuses))}`);
    assert.ok((statuses.get(200) ?? 0) > RUNS / 20, 'valid requests got through');
    assert.ok((statuses.get(400) ?? 0) > RUNS / 5, 'broken requests were refused');
    const stored = await registry.db.query<{ seq: string; body: Record<string, unknown> }>('SELECT seq, body FROM changes');
    for (const row of stored) Change.parse({ ...row.body, seq: Number(row.seq) });
    for (const who of ['desk', 'colleague', 'other-authority']) {
      const { identity, clientId } = identities.get(who)!;
      const page = await registryRequest(registry.url, registry.caPem, { path: '/v1/pull', body: JSON.stringify({ clientId, cursor: 0 }), ...(identity ? { identity } : {}) });
      assert.equal(page.status, 200, `${who} pulls: ${page.body.slice(0, 200)}`);
    }
  });
}
