import type { PublicLicence } from '../../domain/sync/protocol';
import type { Sql } from '../db/sql';

/** The public check, as E-licensing's registry offers it: a licence's status and holder, by its number or its QR code's digest. */
const BY_NUMBER = 'SELECT number, status, holder_name, holder_idn, service_code, issued_at, authority_bin FROM licences WHERE number = $1';
const BY_QR_DIGEST = 'SELECT number, status, holder_name, holder_idn, service_code, issued_at, authority_bin FROM licences WHERE qr_digest = $1';

export async function publicLicence(db: Sql, by: { number: string } | { qrDigest: string }): Promise<PublicLicence | null> {
  const [row] = await db.query<{ number: string; status: PublicLicence['status']; holder_name: string; holder_idn: string; service_code: string; issued_at: Date; authority_bin: string }>(
    'number' in by ? BY_NUMBER : BY_QR_DIGEST,
    ['number' in by ? by.number : by.qrDigest],
  );
  if (!row) return null;
  return {
    number: row.number,
    status: row.status,
    holder: { name: row.holder_name, idn: row.holder_idn },
    serviceCode: row.service_code,
    issuedAt: row.issued_at.toISOString(),
    authorityBin: row.authority_bin,
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
<dt>Лицензиат</dt><dd>${escape(found.holder.name)} (${escape(found.holder.idn)})</dd><dt>Берілген күні / Дата выдачи</dt><dd>${escape(found.issuedAt.slice(0, 10))}</dd></dl>`
        : `<p role="alert">${escape(query)}: тізілімде жоқ / в реестре не найдена</p>`;
  return `<!doctype html><html lang="kk"><head><meta charset="utf-8"><title>Лицензияны тексеру / Проверка лицензии</title></head>
<body><h1>Лицензияны тексеру / Проверка лицензии</h1>
<form method="get" action="/check"><label for="number">Лицензия нөмірі / Номер лицензии</label>
<input id="number" name="number" value="${escape(query)}" pattern="KZ[0-9]{2}[A-Z]{3}[0-9]{8}" required autofocus>
<button type="submit">Тексеру / Проверить</button></form>${answer}</body></html>`;
}
