import { z } from 'zod';

/**
 * Licence numbers in E-licensing's shape: KZ, the year's last two digits, three letters of the issuing
 * office, eight digits. The eight digits come from one national sequence per year that only the
 * registry advances: it leases each desk a block in advance, so a desk cut off for days still signs
 * with real numbers, and no number is ever given twice.
 */
export const LICENCE_NUMBER = /^KZ(\d{2})([A-Z]{3})(\d{8})$/;
export const LicenceNumber = z.string().regex(LICENCE_NUMBER);
export const LICENCE_YEAR = z.string().regex(/^\d{2}$/);

export function formatLicenceNumber(year: string, letters: string, seq: number): string {
  return `KZ${year}${letters}${String(seq).padStart(8, '0')}`;
}

export function parseLicenceNumber(number: string): { year: string; letters: string; seq: number } | null {
  const match = LICENCE_NUMBER.exec(number);
  return match ? { year: match[1]!, letters: match[2]!, seq: Number(match[3]) } : null;
}

/** The office's three letters, from its code (letters only, padded with X). */
export function officeLetters(officeCode: string): string {
  return officeCode.replace(/[^A-Z]/g, '').padEnd(3, 'X').slice(0, 3);
}

/**
 * A desk not enrolled with a registry numbers its licences from here up: a range the registry never
 * leases, so a provisional number can never pass for a leased one (the registry refuses it as such).
 */
export const PROVISIONAL_FROM = 99_000_000;

/** Licence numbers a desk leases at a time, unless told otherwise. */
export const DEFAULT_LEASE_SIZE = 100;

/** Below this many numbers left, the desk asks for the next block (and warns the head if it cannot). */
export function leaseRunningLow(left: number, blockSize: number): boolean {
  return left <= Math.max(1, Math.floor(blockSize / 5));
}

/**
 * A duplicate carries its licence's number; the copy itself is known by that number and its place
 * among the licence's duplicates (KZ26LAA00000012-D1), which its QR code and the registry's record name.
 */
const DUPLICATE_NUMBER = /^(KZ\d{2}[A-Z]{3}\d{8})-D([1-9]\d{0,3})$/;

export function formatDuplicateNumber(licenceNumber: string, seq: number): string {
  return `${licenceNumber}-D${seq}`;
}

/** What the public check answers by: a licence's (or conclusion's) number, or a duplicate's own. */
export function isCheckableNumber(number: string): boolean {
  return LICENCE_NUMBER.test(number) || DUPLICATE_NUMBER.test(number);
}

export function parseDuplicateNumber(number: string): { licenceNumber: string; seq: number } | null {
  const match = DUPLICATE_NUMBER.exec(number);
  return match ? { licenceNumber: match[1]!, seq: Number(match[2]) } : null;
}
