/**
 * A report as the office files it: a bilingual title, the authority and period it covers, and a table
 * (each column's header in both languages and its relative width). Written alike as PDF, XLSX and CSV.
 */
export interface ReportTable {
  title: string;
  /** Lines under the title: the authority, the period. */
  subtitle: string[];
  columns: { header: string; width: number }[];
  rows: (string | number)[][];
}
