import { kazakhstanMidnight } from '../../domain/calendar/working-days';
import { AppError } from '../../domain/api/errors';
import { REPORT_MAX_ROWS, type ReportFormat, type ReportKind } from '../../domain/api/reports';
import { STEP_HOLDER, type StepCode } from '../../domain/applications/steps';
import { journalLines, type JournalLine } from '../../db/repositories/journal-report';
import { decisionLines, overdueStepLines, surveyCounts, type DecisionLine, type OverdueStepLine } from '../../db/repositories/report-lines';
import { getAuthority } from '../../db/repositories/authority';
import { tableCsv } from '../reports/csv';
import { tablePdf } from '../reports/pdf';
import type { ReportTable } from '../reports/table';
import { tableXlsx } from '../reports/xlsx';
import type { CoreContext } from '../context';
import { workingTimeOf } from './steps';

/** Kazakhstan's calendar date and time (UTC+5) of an instant, as the paper forms write them. */
const kzDate = (iso: string | null) => (iso ? new Date(Date.parse(iso) + 5 * 3600_000).toISOString().slice(0, 10) : '');
const kzDateTime = (iso: string | null) => (iso ? new Date(Date.parse(iso) + 5 * 3600_000).toISOString().slice(0, 16).replace('T', ' ') : '');

const PROCEDURES: Record<string, string> = { issue: 'беру / выдача', reissue: 'қайта ресімдеу / переоформление', duplicate: 'телнұсқа / дубликат' };
const RESULTS: Record<string, string> = { licence: 'лицензия / лицензия', refusal: 'бас тарту / отказ' };
const STEPS: Record<StepCode, string> = {
  register: 'Қабылдау және тіркеу / Приём и регистрация',
  assign: 'Орындаушыны тағайындау / Назначение исполнителя',
  completeness: 'Құжаттардың толықтығын тексеру / Проверка полноты документов',
  prepare: 'Қарау және шешім жобасы / Рассмотрение и проект решения',
  sign: 'Шешімге қол қою / Подписание решения',
  'hand-out': 'Нәтижені беру / Выдача результата',
};
const ROLES: Record<string, string> = { clerk: 'кеңсе / канцелярия', executor: 'орындаушы / исполнитель', head: 'басшы / руководитель', admin: 'әкімші / администратор' };
const QUESTIONS = { process: 'Үдеріс және нәтиже / Процесс и результат', information: 'Тәртіп туралы ақпарат / Информация о порядке' } as const;
const ANSWERS = ['not-satisfied', 'partly', 'satisfied'] as const;

type Column<L> = { header: string; width: number; value: (line: L, index: number, service: (code: string) => string) => string | number };

/** The columns of the registration journal, headed in both languages. */
const JOURNAL: Column<JournalLine>[] = [
  { header: '№ р/с / № п/п', width: 8, value: (_l, i) => i + 1 },
  { header: 'Тіркеу нөмірі / Регистрационный номер', width: 20, value: (l) => l.journalNumber },
  { header: 'Түскен күні / Дата поступления', width: 18, value: (l) => kzDateTime(l.registeredAt) },
  { header: 'Өтініш беруші / Заявитель', width: 40, value: (l) => l.applicantName },
  { header: 'БСН/ЖСН / БИН/ИИН', width: 15, value: (l) => l.applicantIdn },
  { header: 'Қызмет / Услуга', width: 40, value: (l, _i, service) => service(l.serviceCode) },
  { header: 'Рәсім / Процедура', width: 22, value: (l) => PROCEDURES[l.procedure] ?? l.procedure },
  { header: 'Орындаушы / Исполнитель', width: 28, value: (l) => l.executorName ?? '' },
  { header: 'Нәтиже / Результат', width: 18, value: (l) => (l.decisionKind ? (RESULTS[l.decisionKind] ?? l.decisionKind) : '') },
  { header: 'Шешім нөмірі / Номер решения', width: 20, value: (l) => l.decisionNumber ?? '' },
  { header: 'Шешім күні / Дата решения', width: 14, value: (l) => kzDate(l.decidedAt) },
  { header: 'Берілген күні / Дата выдачи', width: 14, value: (l) => kzDate(l.handedAt) },
  { header: 'Алушы / Получатель', width: 28, value: (l) => l.recipient ?? '' },
];

const decisionName = (l: DecisionLine) =>
  l.kind === 'licence'
    ? l.procedure === 'duplicate'
      ? 'лицензия телнұсқасы / дубликат лицензии'
      : 'лицензия / лицензия'
    : l.incomplete
      ? 'қараудан бас тарту / отказ в дальнейшем рассмотрении'
      : 'бас тарту / отказ';

/** Licences (with reissues and duplicates) and refusals signed in the period. */
const DECISIONS: Column<DecisionLine>[] = [
  { header: '№ р/с / № п/п', width: 7, value: (_l, i) => i + 1 },
  { header: 'Шешім нөмірі / Номер решения', width: 22, value: (l) => l.number },
  { header: 'Күні / Дата', width: 15, value: (l) => kzDateTime(l.signedAt) },
  { header: 'Шешім / Решение', width: 22, value: decisionName },
  { header: 'Рәсім / Процедура', width: 18, value: (l) => PROCEDURES[l.procedure] ?? l.procedure },
  { header: 'Бастапқы лицензия / Исходная лицензия', width: 18, value: (l) => l.originalNumber ?? '' },
  { header: 'Тіркеу нөмірі / Регистрационный номер', width: 18, value: (l) => l.journalNumber ?? '' },
  { header: 'Өтініш беруші / Заявитель', width: 34, value: (l) => l.applicantName },
  { header: 'БСН/ЖСН / БИН/ИИН', width: 14, value: (l) => l.applicantIdn },
  { header: 'Қызмет / Услуга', width: 34, value: (l, _i, service) => service(l.serviceCode) },
  { header: 'Қол қойған / Подписал', width: 22, value: (l) => l.signerName },
  { header: 'Негіздеме / Основание', width: 34, value: (l) => l.reason },
];

/** Overran steps: the application, the step, whose it was, when it fell due and by how many working hours it overran. */
function overdueColumns(overrunHours: (l: OverdueStepLine) => string): Column<OverdueStepLine>[] {
  return [
    { header: '№ р/с / № п/п', width: 7, value: (_l, i) => i + 1 },
    { header: 'Тіркеу нөмірі / Регистрационный номер', width: 18, value: (l) => l.journalNumber ?? '' },
    { header: 'Өтініш беруші / Заявитель', width: 32, value: (l) => l.applicantName },
    { header: 'Қызмет / Услуга', width: 30, value: (l, _i, service) => `${service(l.serviceCode)} (${PROCEDURES[l.procedure] ?? l.procedure})` },
    { header: 'Кезең / Этап', width: 24, value: (l) => STEPS[l.step] },
    { header: 'Жауапты / Ответственный', width: 24, value: (l) => l.endedByName ?? (STEP_HOLDER[l.step] === 'executor' ? l.executorName : null) ?? ROLES[STEP_HOLDER[l.step]] ?? '' },
    { header: 'Басталды / Начат', width: 14, value: (l) => kzDateTime(l.startedAt) },
    { header: 'Мерзімі / Срок', width: 14, value: (l) => kzDateTime(l.dueAt) },
    { header: 'Аяқталды / Завершён', width: 14, value: (l) => (l.endedAt ? kzDateTime(l.endedAt) : 'жүріп жатыр / идёт') },
    { header: 'Асып кетті, жұмыс сағ. / Превышение, рабочих часов', width: 14, value: overrunHours },
  ];
}

interface Built {
  title: string;
  columns: { header: string; width: number }[];
  rows: (string | number)[][];
  sheet: string;
}

function tooMany(count: number) {
  if (count > REPORT_MAX_ROWS) throw new AppError('invalid-input', 'report-too-large', { max: String(REPORT_MAX_ROWS) });
}

function build(ctx: CoreContext, kind: ReportKind, from: string, until: string): Built {
  const names = new Map(ctx.catalogue.services.map((s) => [s.code, `${s.name.kk} / ${s.name.ru}`]));
  const service = (code: string) => names.get(code) ?? code;
  const rowsOf = <L>(columns: Column<L>[], lines: L[]) => {
    tooMany(lines.length);
    return lines.map((line, i) => columns.map((c) => c.value(line, i, service)));
  };
  switch (kind) {
    case 'journal':
      return { title: 'Тіркеу журналы / Журнал регистрации', sheet: 'Журнал', columns: JOURNAL, rows: rowsOf(JOURNAL, journalLines(ctx.db, from, until, REPORT_MAX_ROWS + 1)) };
    case 'decisions':
      return {
        title: 'Берілген лицензиялар, қорытындылар және бас тартулар / Выданные лицензии, заключения и отказы',
        sheet: 'Шешімдер',
        columns: DECISIONS,
        rows: rowsOf(DECISIONS, decisionLines(ctx.db, from, until, REPORT_MAX_ROWS + 1)),
      };
    case 'overdue': {
      const now = ctx.now();
      const time = workingTimeOf(ctx);
      const hours = (l: OverdueStepLine) => (time.workedMs(new Date(l.dueAt), l.endedAt ? new Date(l.endedAt) : now) / 3600_000).toFixed(1);
      const columns = overdueColumns(hours);
      return {
        title: 'Мерзімі бұзылған кезеңдер / Этапы с нарушением сроков',
        sheet: 'Мерзімдер',
        columns,
        rows: rowsOf(columns, overdueStepLines(ctx.db, from, until, now.toISOString(), REPORT_MAX_ROWS + 1)),
      };
    }
    case 'survey':
      return surveyReport(surveyCounts(ctx.db, from, until), service);
  }
}

/** The survey's answers per service and question, and the office's total: counts and the share satisfied. */
function surveyReport(counts: ReturnType<typeof surveyCounts>, service: (code: string) => string): Built {
  const columns = [
    { header: 'Қызмет / Услуга', width: 40 },
    { header: 'Сұрақ / Вопрос', width: 26 },
    { header: 'Қанағаттанбадым / Не удовлетворён', width: 14 },
    { header: 'Ішінара / Частично', width: 14 },
    { header: 'Қанағаттандым / Удовлетворён', width: 14 },
    { header: 'Барлығы / Всего', width: 10 },
    { header: 'Қанағаттанғандар үлесі, % / Доля удовлетворённых, %', width: 14 },
  ];
  const line = (label: string, question: keyof typeof QUESTIONS, match: (c: (typeof counts)[number]) => boolean) => {
    const n = ANSWERS.map((answer) => counts.filter((c) => c.question === question && c.answer === answer && match(c)).reduce((sum, c) => sum + c.n, 0));
    const total = n[0]! + n[1]! + n[2]!;
    return [label, QUESTIONS[question], ...n, total, total ? ((100 * n[2]!) / total).toFixed(1) : '—'];
  };
  const services = [...new Set(counts.map((c) => c.serviceCode))];
  const rows = [
    ...services.flatMap((code) => (['process', 'information'] as const).map((q) => line(service(code), q, (c) => c.serviceCode === code))),
    ...(['process', 'information'] as const).map((q) => line('Барлығы / Итого', q, () => true)),
  ];
  return { title: 'Сауалнама нәтижелері / Результаты анкетирования', sheet: 'Сауалнама', columns, rows };
}

/**
 * A report for a period (Kazakhstan dates, both included) as the office files it: a PDF that prints
 * like the paper form (landscape A4, the header on every page), a spreadsheet, or CSV.
 */
export async function report(ctx: CoreContext, input: { kind: ReportKind; from: string; to: string; format: ReportFormat }) {
  const from = kazakhstanMidnight(input.from);
  const until = kazakhstanMidnight(input.to, 1);
  const built = build(ctx, input.kind, from, until);
  const authority = getAuthority(ctx.db);
  const table: ReportTable = {
    title: built.title,
    subtitle: [
      authority ? `${authority.nameKk} / ${authority.nameRu}` : '',
      `Кезең / Период: ${input.from} — ${input.to} · Қалыптастырылды / Сформирован: ${kzDateTime(ctx.now().toISOString())}`,
    ],
    columns: built.columns,
    rows: built.rows,
  };
  const fileName = `${input.kind}-${input.from}-${input.to}.${input.format}`;
  const bytes = input.format === 'csv' ? tableCsv(table) : input.format === 'xlsx' ? await tableXlsx(table, built.sheet) : await tablePdf(table);
  return { fileName, contentBase64: bytes.toString('base64'), rows: built.rows.length };
}

/** The header rows as the reports write them (tests read the files back by them). */
export const REPORT_HEADERS = {
  journal: JOURNAL.map((c) => c.header),
  decisions: DECISIONS.map((c) => c.header),
  overdue: overdueColumns(() => '').map((c) => c.header),
} as const;
