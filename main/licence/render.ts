import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { PDFDocument } from 'pdf-lib';
import { canonicalDigest, checkLink, qrText, type QrContent } from './qr';
import { printedDay } from '../../domain/calendar/working-days';
import type { LocalizedText } from '../../domain/i18n/text';
import { assetsDir } from '../paths';
import { PageWriter } from './layout';

type Labels = Record<string, LocalizedText>;
interface Template {
  licence: Labels;
  annex: Labels;
  refusal: Labels;
  considerationRefusal: Labels;
  conclusion: Labels;
}

let template: Template | null = null;
function labels(): Template {
  template ??= JSON.parse(readFileSync(join(assetsDir(), 'templates', 'licence.json'), 'utf8')) as Template;
  return template;
}

const both = (t: LocalizedText | undefined) => (t ? `${t.kk} / ${t.ru}` : '');

export interface Licensee {
  kind: 'legal' | 'individual';
  name: string;
  address: string;
  idn: string;
}

export interface LicenceData {
  number: string;
  date: string;
  activity: LocalizedText;
  licenceType: LocalizedText;
  subtypes: LocalizedText[];
  validity: LocalizedText;
  licensee: Licensee;
  licensor: LocalizedText;
  headName: string;
  placeOfIssue: LocalizedText;
  /** Where the activity is carried on, as the executor drafted it; the licensee's address when not drafted. */
  productionBase?: string;
  /** As the executor wrote them; none when absent or empty. */
  specialConditions?: string;
  /** A reissue: the licence it replaces (the new one has a number and date of its own). */
  reissueOf?: { number: string; date: string };
  /**
   * A duplicate: a copy of the licence, whose number and date it carries, given on this day; the copy
   * itself is known (in its QR code) by the licence's number and its place among the duplicates.
   */
  duplicate?: { number: string; date: string };
}

export interface RenderedDocument {
  pdf: PDFDocument;
  /** The QR code's text: kind, number, date and the digest of the data. */
  qr: string;
}

/** The licence and its annex (seed 001, annex 3), both languages on one form. */
/** Where the public checks a licence or conclusion (the registry's address, told at enrolment); none: the QR code holds the document's own text. */
export interface RenderOptions {
  checkUrl?: string | null;
}

const linkFor = (options: RenderOptions, content: QrContent) => (options.checkUrl ? checkLink(options.checkUrl, content) : null);

export async function renderLicence(d: LicenceData, options: RenderOptions = {}): Promise<RenderedDocument> {
  const { licence: l, annex: a } = labels();
  const w = await PageWriter.create(d.duplicate ? `Лицензия ${d.number} (Телнұсқа / Дубликат)` : `Лицензия ${d.number}`, 'kk-KZ');
  const copyMark = () => {
    if (!d.duplicate) return;
    w.heading(both(l.duplicateMark));
    w.row(both(l.duplicateIssued), printedDay(d.duplicate.date));
  };
  const licensee = partyLine(d.licensee);

  w.newPage();
  w.heading(both(l.title));
  copyMark();
  w.row(both(l.dateAndNumber), `${printedDay(d.date)}  № ${d.number}`);
  if (d.reissueOf) w.row(both(l.reissueOf), `№ ${d.reissueOf.number}, ${printedDay(d.reissueOf.date)}`);
  w.row(both(l.activity), both(d.activity));
  w.row(both(d.licensee.kind === 'legal' ? l.issuedToLegal : l.issuedToIndividual), licensee);
  w.row(both(l.licenceType), both(d.licenceType));
  w.row(both(l.specialConditions), d.specialConditions?.trim() ? d.specialConditions.trim() : both(l.noSpecialConditions));
  w.row(both(l.licensor), both(d.licensor));
  w.row(both(l.head), d.headName);
  w.row(both(l.placeOfIssue), both(d.placeOfIssue));
  w.rule();
  w.note(both(l.signedElectronically));
  const content: QrContent = { kind: 'licence', number: d.duplicate?.number ?? d.number, date: d.duplicate?.date ?? d.date, digest: canonicalDigest(d) };
  const qr = qrText(content);
  w.qr(qr, linkFor(options, content));

  w.newPage();
  w.heading(both(a.title));
  copyMark();
  w.row(both(a.licenceNumber), `№ ${d.number}, ${printedDay(d.date)}`);
  w.row(both(a.subtypes), d.subtypes.length ? d.subtypes.map(both).join('; ') : '—');
  w.row(both(a.productionBase), d.productionBase ?? d.licensee.address);
  w.row(both(a.licensee), licensee);
  w.row(both(a.licensor), both(d.licensor));
  w.row(both(a.head), d.headName);
  w.row(both(a.annexNumber), '001');
  w.row(both(a.validity), both(d.validity));
  w.row(both(a.placeOfIssue), both(d.placeOfIssue));
  w.rule();
  w.note(both(l.signedElectronically));
  return { pdf: w.pdf, qr };
}

export interface RefusalData {
  number: string;
  date: string;
  service: LocalizedText;
  journalNumber: string;
  licensee: Licensee;
  /** Each unmet requirement under its own number in the checklist. */
  unmet: { number: number; text: LocalizedText; note: string }[];
  /** A service issuing conclusions: its refusal on the requirements is the negative conclusion, and no document says "licensor". */
  conclusion?: true;
  reason: string;
  licensor: LocalizedText;
  headName: string;
  /** A refusal of further consideration: the documents found missing (seed 003, step 3), in place of unmet requirements. */
  incomplete?: { missing: LocalizedText[] };
}

/** The motivated refusal: it names every unmet requirement (or every missing document) and the reasoning. */
export async function renderRefusal(d: RefusalData): Promise<RenderedDocument> {
  if (d.conclusion && !d.incomplete) return renderNegativeConclusion(d);
  const { refusal: r, licence: l, considerationRefusal: c } = labels();
  const w = await PageWriter.create(`Бас тарту / Отказ ${d.number}`, 'kk-KZ');
  w.newPage();
  w.heading(both(d.incomplete ? c.title : r.title));
  w.row(both(r.number), `${printedDay(d.date)}  № ${d.number}`);
  w.row(both(r.service), both(d.service));
  w.row(both(r.applicant), `${d.licensee.name}, ${d.licensee.idn}`);
  w.row(both(r.journalNumber), d.journalNumber);
  if (d.incomplete) {
    w.row(both(c.missing), d.incomplete.missing.map((m, i) => `${i + 1}. ${both(m)}`).join('\n'));
  } else {
    w.row(both(r.unmet), unmetList(d.unmet));
  }
  w.row(both(r.reason), d.reason);
  if (d.incomplete) w.note(both(c.basis));
  w.row(both(d.conclusion ? r.provider : r.licensor), both(d.licensor));
  w.row(both(r.head), d.headName);
  // An administrative act says how and where it may be appealed.
  w.note(both(r.appeal));
  w.rule();
  w.note(both(l.signedElectronically));
  const qr = qrText({ kind: 'refusal', number: d.number, date: d.date, digest: canonicalDigest(d) });
  w.qr(qr);
  return { pdf: w.pdf, qr };
}

const unmetList = (unmet: RefusalData['unmet']) => (unmet.length ? unmet.map((u) => `${u.number}. ${both(u.text)}${u.note ? ` — ${u.note}` : ''}`).join('\n') : '—');

export interface ConclusionData {
  number: string;
  date: string;
  journalNumber: string;
  /** The kind of expertise (the catalogue's activity). */
  expertise: LocalizedText;
  customer: Licensee;
  /** The object assessed: its name and where it is, as the executor drafted it. */
  object: string;
  conditions: string;
  validity: LocalizedText;
  provider: LocalizedText;
  headName: string;
  placeOfIssue: LocalizedText;
}


/** The licensee or customer in one line: a legal entity with its location and BIN, a person with their IIN. */
function partyLine(party: Licensee): string {
  return party.kind === 'legal' ? `${party.name}, ${party.address}, БСН/БИН ${party.idn}` : `${party.name}, ЖСН/ИИН ${party.idn}`;
}

/** What every conclusion opens with: its title and scope, the verdict, its date and number, the expertise and the customer. */
async function conclusionOpening(title: string, verdict: 'positive' | 'negative', d: { number: string; date: string; expertise: LocalizedText; customer: Licensee }): Promise<PageWriter> {
  const { conclusion: e } = labels();
  const w = await PageWriter.create(title, 'kk-KZ');
  w.newPage();
  w.heading(both(e.title));
  w.note(both(e.scope));
  w.heading(both(e[verdict]));
  w.row(both(e.dateAndNumber), `${printedDay(d.date)}  № ${d.number}`);
  w.row(both(e.expertise), both(d.expertise));
  w.row(both(e.customer), partyLine(d.customer));
  return w;
}

/** The positive state ecological expertise conclusion (seed 004): its own title and wording, nothing of a licence. */
export async function renderConclusion(d: ConclusionData, options: RenderOptions = {}): Promise<RenderedDocument> {
  const { conclusion: e, licence: l } = labels();
  const w = await conclusionOpening(`Қорытынды / Заключение ${d.number}`, 'positive', { number: d.number, date: d.date, expertise: d.expertise, customer: d.customer });
  w.row(both(e.object), d.object);
  w.row(both(e.journalNumber), d.journalNumber);
  w.row(both(e.verdict), both(e.positiveText));
  w.row(both(e.conditions), d.conditions.trim() || both(e.none));
  w.row(both(e.validity), both(d.validity));
  w.row(both(e.provider), both(d.provider));
  w.row(both(e.head), d.headName);
  w.row(both(e.placeOfIssue), both(d.placeOfIssue));
  w.rule();
  w.note(both(l.signedElectronically));
  const content: QrContent = { kind: 'conclusion', number: d.number, date: d.date, digest: canonicalDigest(d) };
  const qr = qrText(content);
  w.qr(qr, linkFor(options, content));
  return { pdf: w.pdf, qr };
}

/** The negative conclusion: the conclusion's form, the requirements not met under their checklist numbers, the reasoning. */
async function renderNegativeConclusion(d: RefusalData): Promise<RenderedDocument> {
  const { conclusion: e, licence: l } = labels();
  const w = await conclusionOpening(`Теріс қорытынды / Отрицательное заключение ${d.number}`, 'negative', { number: d.number, date: d.date, expertise: d.service, customer: d.licensee });
  w.row(both(e.journalNumber), d.journalNumber);
  w.row(both(e.verdict), both(e.negativeText));
  w.row(both(e.unmet), unmetList(d.unmet));
  w.row(both(e.reason), d.reason);
  w.row(both(e.provider), both(d.licensor));
  w.row(both(e.head), d.headName);
  w.note(both(labels().refusal.appeal));
  w.rule();
  w.note(both(l.signedElectronically));
  const qr = qrText({ kind: 'refusal', number: d.number, date: d.date, digest: canonicalDigest(d) });
  w.qr(qr);
  return { pdf: w.pdf, qr };
}
