import type { PublicLicence } from '../../domain/sync/protocol';
import type { Sql } from '../db/sql';

/** The public check, as E-licensing's registry offers it: a licence's status and holder, by its number or its QR code's digest. */
// With the licence it reissued, and the one that reissued it (a reissue replaces the original for good).
const COLUMNS = 'l.number, l.status, l.holder_name, l.holder_idn, l.service_code, l.issued_at, l.authority_bin, l.original_number, (SELECT r.number FROM licences r WHERE r.original_number = l.number LIMIT 1) AS reissued_as';
// A duplicate's own identifier (its QR code's) answers with its licence: the copy has no status of its own.
const BY_NUMBER = `SELECT ${COLUMNS} FROM licences l WHERE l.number = $1 OR l.number = (SELECT d.licence_number FROM licence_duplicates d WHERE d.number = $1)`;
const BY_QR_DIGEST = `SELECT ${COLUMNS} FROM licences l WHERE l.qr_digest = $1`;

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
  }>(
    'number' in by ? BY_NUMBER : BY_QR_DIGEST,
    ['number' in by ? by.number : by.qrDigest],
  );
  if (!row) return null;
  return {
    number: row.number,
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
const STATUS: Record<PublicLicence['status'], string> = {
  active: 'Қолданыста / Действует',
  reissued: 'Қайта ресімделген / Переоформлена',
  suspended: 'Тоқтатыла тұрған / Приостановлена',
  revoked: 'Кері қайтарылған / Отозвана',
};

/** The check as a page anyone can open: a form, and the answer under it. */
export function publicCheckPage(query: string, found: PublicLicence | null): string {
  const answer =
    query === ''
      ? ''
      : found
        ? `<dl><dt>Лицензия / Лицензия №</dt><dd>${escape(found.number)}</dd><dt>Мәртебесі / Статус</dt><dd><strong>${STATUS[found.status]}</strong></dd>
<dt>Лицензиат</dt><dd>${escape(found.holder.name)} (${escape(found.holder.idn)})</dd><dt>Берілген күні / Дата выдачи</dt><dd>${escape(found.issuedAt.slice(0, 10))}</dd>${
            found.reissues ? `<dt>Қайта ресімделген лицензия / Взамен лицензии</dt><dd>${escape(found.reissues)}</dd>` : ''
          }${found.reissuedAs ? `<dt>Орнына берілген / Переоформлена на</dt><dd>${escape(found.reissuedAs)}</dd>` : ''}</dl>`
        : `<p role="alert">${escape(query)}: тізілімде жоқ / в реестре не найдена</p>`;
  return `<!doctype html><html lang="kk"><head><meta charset="utf-8"><title>Лицензияны тексеру / Проверка лицензии</title></head>
<body><h1>Лицензияны тексеру / Проверка лицензии</h1>
<form method="get" action="/check"><label for="number">Лицензия нөмірі / Номер лицензии</label>
<input id="number" name="number" value="${escape(query)}" pattern="KZ[0-9]{2}[A-Z]{3}[0-9]{8}" required autofocus>
<button type="submit">Тексеру / Проверить</button></form>${answer}</body></html>`;
}
