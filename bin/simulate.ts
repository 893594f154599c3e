import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { createClient, memorySession, type ApiClient } from '../domain/api/client';
import { createCore } from '../main/core';
import { DEMO_KEY_PASSWORD, DEMO_PASSWORD } from '../main/demo/seed';
import { defaultDataDir } from '../main/paths';
import { seedDemoOffice, startDemoWorld } from './demo';

const DAY_MS = 86_400_000;
/** The legal entities of the state-database simulators the clerk looks up, in turn. */
const APPLICANTS = ['150840001234', '091240004563'];

/** A scanned document as the clerk attaches it: a few pages of text (the simulation does not read them; OCR is off). */
async function scan(title: string, pages: number): Promise<string> {
  const pdf = await PDFDocument.create();
  const font = await pdf.embedFont(StandardFonts.Helvetica);
  for (let i = 0; i < pages; i++) {
    const page = pdf.addPage([595, 842]);
    for (let line = 0; line < 40; line++) page.drawText(`${title} - page ${i + 1}, line ${line + 1}: ${'lorem ipsum dolor sit amet '.repeat(3)}`, { x: 40, y: 800 - line * 19, size: 9, font });
  }
  return Buffer.from(await pdf.save()).toString('base64');
}

function keyFile(dir: string, pattern: RegExp): string {
  const name = readdirSync(dir).find((file) => pattern.test(file));
  if (!name) throw new Error(`no key matching ${pattern} in ${dir}`);
  return readFileSync(join(dir, name)).toString('base64');
}

/**
 * `ajo simulate --days N [--per-day K]`: N days of a demo office's work through the core itself, each
 * day's clock set back so dates and deadlines fall as they would — registered applications with their
 * scans, executors' checklists, licences signed (and one in ten refused). For benchmarks and fault tests;
 * an empty data folder gets the demo office first.
 */
export async function simulate(argv: string[], out: (line: string) => void): Promise<number> {
  const { values } = parseArgs({ args: argv, options: { days: { type: 'string' }, 'per-day': { type: 'string', default: '20' }, 'data-dir': { type: 'string' } } });
  const days = Number(values.days);
  const perDay = Number(values['per-day']);
  if (!Number.isInteger(days) || days < 1 || days > 366 || !Number.isInteger(perDay) || perDay < 1 || perDay > 500) {
    throw new Error('simulate needs --days N (1–366) and optionally --per-day K (1–500)');
  }
  const dataDir = values['data-dir'] ?? defaultDataDir();
  const start = Date.now() - days * DAY_MS;
  let clock = start;
  const now = () => new Date(clock);
  const world = await startDemoWorld(dataDir, { createNca: true, now });
  const core = createCore({
    dataDir,
    gatewayUrl: world.simulators.url,
    now,
    resumeBackgroundWork: false,
    // The clock jumps from one application to the next: the simulated officers stay signed in.
    idleSessionMs: 400 * DAY_MS,
    // Simulated scans are not read: the simulation is about the office's work and its sync, not OCR.
    recogniser: { recognize: async () => ({ text: '', confidence: 0 }) as never, close: async () => undefined },
  });
  try {
    if (world.nca) await seedDemoOffice(core, dataDir, world.nca);
    const pkiDir = join(dataDir, 'demo-pki');
    if (!existsSync(pkiDir)) throw new Error(`${dataDir} is not a demo office (no demo-pki/): simulate fills demo offices only`);
    const clerkKey = { keyFileBase64: keyFile(pkiDir, /^clerk_RSA256_.*\.p12$/), keyPassword: DEMO_KEY_PASSWORD };
    const headKey = { keyFileBase64: keyFile(pkiDir, /^RSA256_.*\.p12$/), keyPassword: DEMO_KEY_PASSWORD };
    const as = async (username: string): Promise<ApiClient> => {
      const client = createClient((envelope) => core.dispatch(envelope), memorySession());
      await client['auth.login']({ username, password: DEMO_PASSWORD });
      return client;
    };
    const [clerk, head, executor] = [await as('clerk'), await as('head'), await as('executor')];
    const executorId = (await head['users.list']({})).find((u) => u.username === 'executor')!.id;
    const totals = { registered: 0, issued: 0, refused: 0, documents: 0 };
    for (let day = 0; day < days; day++) {
      for (let i = 0; i < perDay; i++) {
        // Office hours, 09:00 to 18:00 Almaty time, spread over the day.
        clock = start + day * DAY_MS + (4 * 3600 + Math.floor((i / perDay) * 9 * 3600)) * 1000;
        const n = day * perDay + i;
        const applicant = APPLICANTS[n % APPLICANTS.length]!;
        const draft = await clerk['applications.createDraft']({
          serviceCode: 'scrap-metal',
          procedure: 'issue',
          applicantKind: 'legal',
          applicantIdn: applicant,
          // The simulators' notarised power of attorney is the first company's; the other applies itself.
          representation: applicant === APPLICANTS[0] ? { kind: 'notarised', registryNumber: '2026-0001234' } : { kind: 'none' },
        });
        for (const [slot, pages] of [['application', 1 + (n % 3)], ['fee-receipt', 1]] as const) {
          await clerk['documents.attach']({ applicationId: draft.id, slotCode: slot, fileName: `${slot}-${n + 1}.pdf`, contentBase64: await scan(`${slot} ${n + 1}`, pages) });
          totals.documents++;
        }
        const app = await clerk['applications.register']({ id: draft.id, ...clerkKey });
        totals.registered++;
        await head['applications.assign']({ id: app.id, executorId });
        const refuse = n % 10 === 9;
        for (const [k, item] of app.checklist.entries()) {
          const met = !(refuse && k === 0);
          await executor['checklist.set']({ applicationId: app.id, itemCode: item.code, met, note: met ? '' : 'производственная база не огорожена' });
        }
        await executor['applications.submitForDecision']({ id: app.id });
        if (refuse) {
          await head['decisions.refuse']({ applicationId: app.id, reason: 'Не соответствует квалификационным требованиям (п. 1).', ...headKey });
          totals.refused++;
        } else {
          await head['decisions.issueLicence']({ applicationId: app.id, ...headKey });
          totals.issued++;
        }
      }
      out(JSON.stringify({ day: day + 1, ...totals }));
    }
    return 0;
  } finally {
    await core.close();
    await world.simulators.close();
  }
}
