import { createHmac } from 'node:crypto';

/**
 * HMAC-SHA256 under the one-time enrolment code of what the registry sends a desk it enrols: its CA, the
 * desk's certificate, and the public check's address the desk prints in QR codes (a phishing address
 * slipped in on the way would send every phone that scans a licence elsewhere).
 */
export function enrolmentMac(code: string, caPem: string, certificatePem: string, publicCheckUrl: string | null = null): string {
  const mac = createHmac('sha256', code).update(caPem).update('\n').update(certificatePem);
  if (publicCheckUrl !== null) mac.update('\n').update(publicCheckUrl);
  return mac.digest('hex');
}
