/**
 * JSON with object keys sorted and no whitespace: the same data always gives the same bytes, so they
 * can be hashed and signed (the intake form, the licence digest in its QR code).
 */
export function canonicalJson(value: unknown): string {
  const canonical = (v: unknown): unknown =>
    Array.isArray(v)
      ? v.map(canonical)
      : v && typeof v === 'object'
        ? Object.fromEntries(Object.keys(v).sort().map((k) => [k, canonical((v as Record<string, unknown>)[k])]))
        : v;
  return JSON.stringify(canonical(value));
}
