import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { after, before, test } from 'node:test';
import fc from 'fast-check';
import { CHANNELS, type Channel } from '../../domain/api/contract';
import type { Role } from '../../domain/applications/status';
import { startTestCore, type TestCore } from '../support/core';
import { samplePdf, TINY_PNG } from '../support/documents';
import { registeredApplication } from '../support/workflow';
import { validCalls } from '../support/call-args';

/**
 * Every API channel, fed what an attacker or a broken client would send: arbitrary JSON, strings with
 * controls, direction overrides, lone surrogates and zero-width characters, huge and deeply nested
 * values — as the whole argument object and in place of one field of a valid call. The core must
 * answer each with a result or an ordinary refusal, never an internal error, and a refused call must
 * leave the database exactly as it was. Fixed seed, bounded count: the same calls on every run.
 */
let t: TestCore;
const sessions = new Map<Role | 'none', string | null>();
let templates: Record<Channel, Record<string, unknown>>;

before(async () => {
  t = await startTestCore();
  const userId = (name: string) => (t.core.ctx.db.prepare('SELECT id FROM users WHERE username = ?').get(name) as { id: string }).id;
  for (const role of ['admin', 'clerk', 'executor', 'head'] as const) sessions.set(role, null);
  sessions.set('none', null);
  const clerk = await t.as('clerk');
  const registered = await registeredApplication(t, clerk);
  const draft = await clerk['applications.createDraft']({ serviceCode: 'scrap-metal', procedure: 'issue', applicantKind: 'legal', applicantIdn: '150840001234', representation: { kind: 'none' } });
  const withDocument = await clerk['documents.attach']({ applicationId: draft.id, slotCode: 'application', fileName: 'a.pdf', contentBase64: (await samplePdf('a')).toString('base64') });
  const documentId = withDocument.slots[0]!.documents[0]!.id;
  const tray = await clerk['scanner.import']({ fileName: 'page.png', contentBase64: TINY_PNG.toString('base64') });
  const pageId = tray.pages[0]!.id;
  const headKey = { keyFileBase64: readFileSync(t.pki.headKeyFile).toString('base64'), keyPassword: 'demo-key-password' };
  const pdf = (await samplePdf('verify me')).toString('base64');
  templates = validCalls({
    draftId: draft.id,
    registeredId: registered.id,
    documentId,
    // No decision has this id: the call is refused as not found, which is what the fuzz exercises.
    decisionId: draft.id,
    pageId,
    executorId: userId('executor'),
    key: headKey,
    clerkKey: t.clerkKey(),
    pdfBase64: pdf,
    pngBase64: TINY_PNG.toString('base64'),
  });

  for (const role of ['admin', 'clerk', 'executor', 'head'] as const) sessions.set(role, t.core.ctx.sessions.create(userId(role)).token);
  // Background reading of what was just attached must not look like a change made by a refused call.
  await t.core.ctx.ocr.idle();
});
after(async () => {
  await t?.close();
});

/** Every row of every table, as one digest: what "nothing changed" means. */
function stateDigest(): string {
  const hash = createHash('sha256');
  const tables = t.core.ctx.db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'document_text_%' ORDER BY name").all() as { name: string }[];
  for (const { name } of tables) {
    hash.update(name);
    for (const row of t.core.ctx.db.prepare(`SELECT * FROM "${name}"`).iterate()) hash.update(JSON.stringify(row, (_k, v) => (Buffer.isBuffer(v) ? v.toString('hex') : v)));
  }
  return hash.digest('hex');
}

const nastyCharacter = fc.oneof(
  fc.constantFrom('\u0000', '\u0007', '\u001b', '\u007f', '\u0085', '\u2028', '\u202e', '\u202d', '\u2066', '\u2069', '\u200f', '\u200b', '\u200d', '\ufeff', '\u00ad', '"', "'", '\\', '*', '%', '_', '..', '/', 'NEAR(', ';--'),
  fc.integer({ min: 0xd800, max: 0xdfff }).map((code) => String.fromCharCode(code)),
  fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }),
);
const nastyString = fc.oneof(
  fc.array(nastyCharacter, { maxLength: 12 }).map((parts) => parts.join('')),
  fc.tuple(fc.string({ maxLength: 8 }), nastyCharacter, fc.string({ maxLength: 8 })).map((parts) => parts.join('')),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.constantFrom('', ' ', 'a'.repeat(100_000), '\u200b'.repeat(5000), 'Ә'.repeat(70_000)),
);
const deeplyNested = fc.integer({ min: 100, max: 5000 }).map((depth) => {
  let value: unknown = 'bottom';
  for (let i = 0; i < depth; i++) value = i % 2 ? [value] : { a: value };
  return value;
});
const hugeValue = fc.constantFrom<unknown>(Array.from({ length: 100_000 }, (_, i) => i), { many: Array.from({ length: 20_000 }, () => 'x') }, Number.MAX_VALUE, -0, 1e308, 2 ** 53 + 1);
const nastyValue = fc.oneof(nastyString, fc.jsonValue({ maxDepth: 4 }), deeplyNested, hugeValue, fc.constantFrom<unknown>(null, undefined, true, 0, -1, 1.5, NaN, [], {}));

const channel = fc.constantFrom(...CHANNELS);
const caller = fc.constantFrom<Role | 'none'>('admin', 'clerk', 'executor', 'head', 'none');
/** What goes into a field: something hostile, or something well-formed that points elsewhere (another id, another code). */
const fieldValue = fc.oneof(nastyValue, fc.uuid(), fc.constantFrom<unknown>('issue', 'licence', 'scales', 'application', 'clerk', '150840001234', 'KRG-2026-00001'));

/** A valid call, with one field (or one field of a nested object) replaced when `value` is given. */
function templated(c: Channel, who: Role | 'none', pick: number, value?: { v: unknown }) {
  const args = structuredClone(templates[c]);
  if (!value) return { channel: c, caller: who, args };
  const keys = Object.keys(args);
  if (keys.length === 0) return { channel: c, caller: who, args: { [String(pick)]: value.v } };
  const key = keys[pick % keys.length]!;
  const inner = args[key];
  if (inner && typeof inner === 'object' && !Array.isArray(inner) && Object.keys(inner).length > 0) {
    const innerKeys = Object.keys(inner);
    (inner as Record<string, unknown>)[innerKeys[pick % innerKeys.length]!] = value.v;
  } else {
    args[key] = value.v;
  }
  return { channel: c, caller: who, args };
}

const call = fc.oneof(
  { weight: 3, arbitrary: fc.record({ channel, caller, args: nastyValue }) },
  { weight: 2, arbitrary: fc.tuple(channel, caller).map(([c, who]) => templated(c, who, 0)) },
  { weight: 5, arbitrary: fc.tuple(channel, caller, fc.nat(), fieldValue).map(([c, who, pick, v]) => templated(c, who, pick, { v })) },
);

test('arbitrary calls on every channel: never an internal error, and a refused call changes nothing', { timeout: 600_000 }, async (t_) => {
  const seen = new Map<string, number>();
  await fc.assert(
    fc.asyncProperty(call, async ({ channel: c, caller: who, args }) => {
      // Text recognition an earlier call set going finishes first: its progress is not this call's doing.
      await t.core.ctx.ocr.idle();
      const before = stateDigest();
      const reply = await t.core.dispatch({ channel: c, args, session: sessions.get(who) ?? null });
      const outcome = reply.ok ? 'ok' : reply.error.code;
      seen.set(outcome, (seen.get(outcome) ?? 0) + 1);
      assert.notEqual(outcome, 'internal', `${c} as ${who} ended in an internal error`);
      // A failed sign-in is counted (five lock the account): the one refusal that must leave a mark.
      if (!reply.ok && c !== 'auth.login') assert.equal(stateDigest(), before, `${c} as ${who} was refused (${outcome}) but changed the database`);
      // A call that ended the session must not end the run's coverage of that role.
      if (c === 'auth.logout' && who !== 'none' && reply.ok) sessions.set(who, t.core.ctx.sessions.create((t.core.ctx.db.prepare('SELECT id FROM users WHERE username = ?').get(who) as { id: string }).id).token);
    }),
    { seed: Number(process.env.AJO_FUZZ_SEED ?? 20261203), numRuns: Number(process.env.AJO_FUZZ_RUNS ?? 1500), endOnFailure: true, includeErrorInReport: true },
  );
  t_.diagnostic(`outcomes: ${JSON.stringify(Object.fromEntries(seen))}`);
  // The run reached past the schema into the handlers, as every role.
  assert.ok((seen.get('ok') ?? 0) > 50, JSON.stringify(Object.fromEntries(seen)));
  assert.ok((seen.get('invalid-arguments') ?? 0) > 200, JSON.stringify(Object.fromEntries(seen)));
  assert.ok(['forbidden', 'not-found', 'invalid-input', 'invalid-state'].every((code) => (seen.get(code) ?? 0) > 0), JSON.stringify(Object.fromEntries(seen)));
});
