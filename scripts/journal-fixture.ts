// The registration journal's test data: a busy authority's applications, written straight into its
// database (bench:journal at 1,000,000; the journal e2e at 100,000).
import { v7 } from 'uuid';
import { openDatabase } from '../db/open';
import { MONTHLY_COUNTS_FROM_TABLES } from '../db/migrations/0024-dashboard';
import { completeIdn } from '../domain/ids/iin-bin';

const WORDS_KK = ['Қарағанды', 'Атырау', 'Темір', 'Металл', 'Астық', 'Сервис', 'Құрылыс', 'Өнім', 'Жол', 'Ресайклинг', 'Түсті', 'Қойма', 'Дала', 'Нан', 'Береке', 'Ақжол', 'Шығыс', 'Батыс', 'Алтын', 'Дән'];
const WORDS_RU = ['Карагандинский', 'Атырауский', 'Металлолом', 'Зерно', 'Элеватор', 'Сервис', 'Строй', 'Продукт', 'Транс', 'Ресурс', 'Восток', 'Запад', 'Агро', 'Терминал', 'Склад', 'Снаб', 'Групп', 'Холдинг', 'Инвест', 'Логистик'];
const STATUSES: [string, number][] = [['issued', 0.72], ['refused', 0.1], ['registered', 0.04], ['assigned', 0.06], ['ready-for-decision', 0.03], ['draft', 0.05]];
/** The newest share of applications still in the office's hands; older ones were decided (an office does not keep years of open work). */
const STILL_OPEN_SHARE = 0.02;
const HOUR = 3600_000;

/** A deterministic stream of numbers, so every run fills the same database. */
function random(seed: number) {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s ^ (s >>> 15), 0x2c1b3c6d) + 0x6d2b79f5) >>> 0) / 2 ** 32);
}

/**
 * Writes `applications` applications straight into an office's database (five years of a busy
 * authority, deterministic): each with its steps, decision and hand-out as the app would have left
 * them. A bulk fill sets the indexes and triggers aside and builds them again after; `keepIndexes`
 * writes through them instead, for a database the app has open (the e2e journal at 100,000).
 */
export function fillJournal(
  file: string,
  { applications: APPLICATIONS, userId, executorIds, keepIndexes = false }: { applications: number; userId: string; executorIds: string[]; keepIndexes?: boolean },
): { bins: string[]; numbers: string[]; names: string[] } {
  const db = openDatabase(file);
  const next = random(15);
  const pick = <T,>(list: readonly T[]) => list[Math.floor(next() * list.length)]!;
  const start = Date.parse('2022-01-10T04:00:00Z');
  const span = Date.parse('2026-12-01T04:00:00Z') - start;
  const insert = db.prepare(
    `INSERT INTO applications (id, service_code, procedure, catalogue_version, applicant_kind, applicant_idn, applicant_json, representation_json,
       status, journal_number, created_at, created_by, registered_at, due_date, executor_id, updated_at)
     VALUES (?, ?, ?, '2026-12-01', 'legal', ?, ?, '{"kind":"none"}', ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const step = db.prepare('INSERT INTO application_steps (application_id, step, started_at, due_at, at_risk_at, ended_at) VALUES (?, ?, ?, ?, ?, ?)');
  const decision = db.prepare(
    "INSERT INTO decisions (id, application_id, kind, number, reason, pdf_sha256, signed_at, signer_user_id, signer_name, signer_iin) VALUES (?, ?, ?, ?, '', 'bench', ?, ?, 'Басшы', '850101300124')",
  );
  const handout = db.prepare(
    "INSERT INTO handouts (application_id, handed_at, recipient, method, recorded_by, recorded_at, survey_process, survey_information, survey_at) VALUES (?, ?, 'Алушы', 'in-person', ?, ?, ?, ?, ?)",
  );
  const ANSWERS = ['satisfied', 'satisfied', 'satisfied', 'partly', 'not-satisfied'];
  const iso = (ms: number) => new Date(ms).toISOString();
  const sample = { bins: [] as string[], numbers: [] as string[], names: [] as string[] };
  const perYear = new Map<string, number>();
  // A bulk fill, not the app's work: room for the indexes in memory, no waiting on the disk, batches.
  db.pragma('cache_size = -1000000');
  db.pragma('synchronous = OFF');
  // Indexes and the name index's triggers are set aside and made again after the fill (one sorted build
  // each, as a restore would): the app's own SQL and migrations are what the timed calls run on.
  const setAside = db.prepare("SELECT type, name, sql FROM sqlite_master WHERE tbl_name IN ('applications', 'application_steps', 'applicant_name_rows', 'decisions', 'handouts') AND type IN ('index', 'trigger') AND sql IS NOT NULL").all() as { type: string; name: string; sql: string }[];
  if (keepIndexes) setAside.length = 0;
  for (const object of setAside) db.exec(`DROP ${object.type.toUpperCase()} ${object.name}`);
  // The audit triggers are this connection's: a bulk fill is no user action, so they are set aside.
  for (const t of db.prepare("SELECT name FROM temp.sqlite_master WHERE type = 'trigger'").all() as { name: string }[]) db.exec(`DROP TRIGGER temp.${t.name}`);
  const batch = db.transaction((from: number, to: number) => {
    for (let i = from; i < to; i++) {
      const created = start + Math.floor((i / APPLICATIONS) * span);
      const id = v7({ msecs: created });
      let r = next();
      const open = i >= APPLICATIONS * (1 - STILL_OPEN_SHARE);
      const status = open ? (STATUSES.find(([, share]) => (r -= share) < 0)?.[0] ?? 'issued') : r < 0.88 ? 'issued' : 'refused';
      const year = new Date(created).toISOString().slice(0, 4);
      const seq = (perYear.get(year) ?? 0) + 1;
      perYear.set(year, seq);
      const number = status === 'draft' ? null : `KRG-${year}-${String(seq).padStart(6, '0')}`;
      let bin: string | null = null;
      while (!bin) bin = completeIdn(String(10000000000 + Math.floor(next() * 89999999999)));
      const nameRu = `ТОО «${pick(WORDS_RU)} ${pick(WORDS_RU)}»`;
      const nameKk = `«${pick(WORDS_KK)} ${pick(WORDS_KK)}» ЖШС`;
      const at = new Date(created).toISOString();
      const service = pick(['scrap-metal', 'grain-warehouse', 'eco-expertise']);
      const procedure = service === 'eco-expertise' ? 'issue' : pick(['issue', 'issue', 'issue', 'reissue', 'duplicate']);
      const executor = ['assigned', 'ready-for-decision', 'issued', 'refused'].includes(status) ? pick(executorIds) : null;
      insert.run(id, service, procedure, bin, JSON.stringify({ kind: 'legal', idn: bin, name: nameRu, nameKk, address: 'Қарағанды қ.', head: null, registrationStatus: 'registered' }), status, number, at, userId, number ? at : null, number ? at.slice(0, 10) : null, executor, at);
      // Its way through the steps: those behind it ended (now and then late), the one it waits on open.
      const way = ['register', 'assign', 'prepare', 'sign', 'hand-out'];
      const waitsOn = { draft: 'register', registered: 'assign', assigned: 'prepare', 'ready-for-decision': 'sign' }[status] ?? 'hand-out';
      let t = created;
      for (const code of way.slice(0, way.indexOf(waitsOn) + 1)) {
        const allowed = (code === 'prepare' ? 40 : 4) * HOUR;
        const ends = code !== waitsOn || (code === 'hand-out' && !open);
        const took = Math.floor(allowed * (next() < 0.08 ? 1.3 : next() * 0.9));
        step.run(id, code, iso(t), iso(t + allowed), iso(t + allowed * 0.75), ends ? iso(t + took) : null);
        if (ends) t += took;
      }
      if (status === 'issued' || status === 'refused') decision.run(v7({ msecs: created }), id, status === 'issued' ? 'licence' : 'refusal', `${number}-D`, iso(t), userId);
      if ((status === 'issued' || status === 'refused') && !open) handout.run(id, iso(t), userId, iso(t), ...(next() < 0.6 ? [pick(ANSWERS), pick(ANSWERS), iso(t + 60_000)] : [null, null, null]));
      if (i % Math.ceil(APPLICATIONS / 20) === 0) {
        sample.bins.push(bin);
        if (number) sample.numbers.push(number);
        sample.names.push(nameRu.replace('ТОО ', ''));
      }
    }
  });
  for (let from = 0; from < APPLICATIONS; from += 50_000) batch(from, Math.min(APPLICATIONS, from + 50_000));
  if (!keepIndexes) {
    db.exec("INSERT INTO applicant_name_rows (id, name) SELECT id, concat_ws(' ', json_extract(applicant_json, '$.name'), json_extract(applicant_json, '$.nameKk')) FROM applications ORDER BY id");
    db.exec("INSERT INTO applicant_names (applicant_names) VALUES ('rebuild')");
    // The dashboard's monthly totals, counted as the upgrade counts them (the triggers were set aside).
    db.exec(MONTHLY_COUNTS_FROM_TABLES);
  }
  for (const object of setAside) db.exec(object.sql);
  db.exec('ANALYZE');
  db.close();
  return sample;
}

