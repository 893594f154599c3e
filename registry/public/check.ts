import type { PublicLicence } from '../../domain/sync/protocol';
import type { Sql } from '../db/sql';
import { kazakhstanDate, printedDay } from '../../domain/calendar/working-days';
import { publishedServices } from '../sync/service-codes';

/**
 * The public check, as E-licensing's registry offers it: a licence's (or a conclusion's) status and
 * holder, by its number, a duplicate's own number, or its QR code's digest.
 */
// With the licence it reissued, and the one that reissued it (a reissue replaces the original for good).
const COLUMNS =
  'l.number, l.status, l.holder_name, l.holder_idn, l.service_code, l.issued_at, l.authority_bin, l.original_number, (SELECT r.number FROM licences r WHERE r.original_number = l.number LIMIT 1) AS reissued_as';
// A duplicate's own number answers with its licence (the copy has no status of its own), and says which copy it is.
const BY_NUMBER = `SELECT ${COLUMNS}, d.number AS duplicate_number, d.issued_at AS duplicate_issued_at
  FROM licences l LEFT JOIN licence_duplicates d ON d.number = $1 AND d.licence_number = l.number
  WHERE l.number = $1 OR l.number = (SELECT licence_number FROM licence_duplicates WHERE number = $1)`;
const BY_QR_DIGEST = `SELECT ${COLUMNS}, NULL AS duplicate_number, NULL AS duplicate_issued_at FROM licences l WHERE l.qr_digest = $1`;

/** An IIN is a person's: the public sees its last four digits only, enough to tell two holders of one name apart. */
export function maskedIdn(idn: string): string {
  return `${'•'.repeat(Math.max(0, idn.length - 4))}${idn.slice(-4)}`;
}

export async function publicLicence(db: Sql, by: { number: string } | { qrDigest: string }): Promise<PublicLicence | null> {
  const [row] = await db.query<{
    number: string;
    status: PublicLicence['status'];
    holder_name: string;
    holder_idn: string;
    service_code: string;
    issued_at: Date;
    authority_bin: string;
    original_number: string | null;
    reissued_as: string | null;
    duplicate_number: string | null;
    duplicate_issued_at: Date | null;
  }>('number' in by ? BY_NUMBER : BY_QR_DIGEST, ['number' in by ? by.number : by.qrDigest]);
  if (!row) return null;
  const service = (await publishedServices(db)).get(row.service_code);
  return {
    number: row.number,
    kind: service?.result ?? 'licence',
    service: service?.name ?? null,
    duplicate: row.duplicate_number && row.duplicate_issued_at ? { number: row.duplicate_number, issuedAt: row.duplicate_issued_at.toISOString() } : null,
    status: row.status,
    holder: { name: row.holder_name, idn: maskedIdn(row.holder_idn) },
    serviceCode: row.service_code,
    issuedAt: row.issued_at.toISOString(),
    authorityBin: row.authority_bin,
    reissues: row.original_number,
    reissuedAs: row.reissued_as,
  };
}

const escape = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
/** Each status in both languages, as the thing checked is named: a conclusion is never "a licence". */
const STATUS: Record<PublicLicence['kind'], Record<PublicLicence['status'], string>> = {
  licence: {
    active: 'Лицензия қолданыста / Лицензия действует',
    reissued: 'Лицензия қайта ресімделген: оның орнына жаңасы берілген / Лицензия переоформлена: вместо неё выдана новая',
    suspended: 'Лицензияның қолданысы тоқтатыла тұрған / Действие лицензии приостановлено',
    revoked: 'Лицензия кері қайтарылған: жарамсыз / Лицензия отозвана: недействительна',
  },
  conclusion: {
    active: 'Қорытынды күшінде / Заключение действует',
    reissued: 'Қорытынды қайта ресімделген / Заключение переоформлено',
    suspended: 'Қорытындының қолданысы тоқтатыла тұрған / Действие заключения приостановлено',
    revoked: 'Қорытынды кері қайтарылған: жарамсыз / Заключение отозвано: недействительно',
  },
};
const NAMES: Record<PublicLicence['kind'], { title: string; holder: string }> = {
  licence: { title: 'Лицензия / Лицензия', holder: 'Лицензиат / Лицензиат' },
  conclusion: { title: 'Мемлекеттік экологиялық сараптаманың қорытындысы / Заключение государственной экологической экспертизы', holder: 'Тапсырыс беруші / Заказчик' },
};
/** The day of an instant in Kazakhstan, as every paper of the office writes it. */
const day = (iso: string) => printedDay(kazakhstanDate(new Date(iso)));

function answerOf(found: PublicLicence): string {
  const names = NAMES[found.kind];
  const row = (term: string, value: string) => `<dt>${term}</dt><dd>${value}</dd>`;
  return `<dl>${[
    row(`${names.title} №`, escape(found.number)),
    found.duplicate ? row('Телнұсқа / Дубликат', `№ ${escape(found.duplicate.number)}, ${day(found.duplicate.issuedAt)}`) : '',
    found.service ? row('Қызмет / Вид деятельности', `${escape(found.service.kk)} / ${escape(found.service.ru)}`) : '',
    row(names.holder, `${escape(found.holder.name)} (${escape(found.holder.idn)})`),
    row('Берілген күні / Дата выдачи', day(found.issuedAt)),
    row('Мәртебесі / Статус', `<strong data-status="${found.status}">${STATUS[found.kind][found.status]}</strong>`),
    found.reissues ? row('Орнына берілген / Выдана взамен', escape(found.reissues)) : '',
    found.reissuedAs ? row('Қайта ресімделді / Переоформлена на', escape(found.reissuedAs)) : '',
  ].join('')}</dl>`;
}

/** The check as a page anyone can open (also from a phone, by the QR code's link): a form, and the answer under it. */
export function publicCheckPage(query: string, found: PublicLicence | null): string {
  const answer = query === '' ? '' : found ? answerOf(found) : `<p role="alert">${escape(query)}: тізілімде жоқ / в реестре не найдено</p>`;
  return `<!doctype html><html lang="kk"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Лицензияны, қорытындыны тексеру / Проверка лицензии, заключения</title></head>
<body><h1>Лицензияны, қорытындыны тексеру / Проверка лицензии, заключения</h1>
<form method="get" action="/check"><label for="number">Нөмірі / Номер (лицензия, қорытынды, телнұсқа / лицензия, заключение, дубликат)</label>
<input id="number" name="number" value="${escape(query)}" pattern="KZ[0-9]{2}[A-Z]{3}[0-9]{8}(-D[1-9][0-9]{0,3})?" required autofocus>
<button type="submit">Тексеру / Проверить</button></form>${answer}</body></html>`;
}
