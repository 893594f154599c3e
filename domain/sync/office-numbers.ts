/**
 * The office's own numbers: its journal of applications (ALM-2026-00001) and its refusals
 * (ALM-2026-R00001), one sequence per office and year. Several desks of an office take them from blocks
 * the registry leases each desk — as licence numbers are — so desks working offline at once never give
 * the same number twice.
 */
export const OFFICE_SERIES = ['journal', 'refusal'] as const;
export type OfficeSeries = (typeof OFFICE_SERIES)[number];

const OFFICE_NUMBER = /^([A-Z0-9]{2,8})-(\d{4})-(R?)(\d{5,})$/;

export function formatOfficeNumber(series: OfficeSeries, officeCode: string, year: string, seq: number): string {
  return `${officeCode}-${year}-${series === 'refusal' ? 'R' : ''}${String(seq).padStart(5, '0')}`;
}

export function parseOfficeNumber(number: string): { series: OfficeSeries; officeCode: string; year: string; seq: number } | null {
  const match = OFFICE_NUMBER.exec(number);
  return match ? { series: match[3] ? 'refusal' : 'journal', officeCode: match[1]!, year: match[2]!, seq: Number(match[4]) } : null;
}
