import type { Channel } from '../../domain/api/contract';

/** What the calls are aimed at: an application still a draft and one registered (may be the same), and the rest. */
export interface CallTargets {
  draftId: string;
  registeredId: string;
  documentId: string;
  decisionId: string;
  pageId: string;
  executorId: string;
  /** A key file and its password, as the signing calls take them. */
  key: { keyFileBase64: string; keyPassword: string };
  clerkKey: { keyFileBase64: string; keyPassword: string };
  pdfBase64: string;
  pngBase64: string;
}

/**
 * Arguments every call of the API accepts (schema-valid), aimed at the given targets. Signing calls carry
 * a wrong key password: they reach their handler but sign nothing.
 */
export function validCalls(targets: CallTargets): Record<Channel, Record<string, unknown>> {
  const { draftId: id, registeredId, documentId, decisionId, pageId, executorId, key: headKey, pdfBase64: pdf } = targets;
  const png = targets.pngBase64;
  return {
    'setup.status': {},
    'setup.initialize': { authority: { nameKk: 'А', nameRu: 'А', bin: '990140001114', placeKk: 'А', placeRu: 'А', officeCode: 'KRG' }, admin: { username: 'admin2', fullName: 'А', iin: null, password: 'long-enough' } },
    'auth.login': { username: 'clerk', password: 'wrong-password' },
    'auth.loginWithKey': { ...headKey, keyPassword: 'wrong' },
    'auth.logout': {},
    'auth.me': {},
    'authority.get': {},
    'sync.status': {},
    'sync.now': {},
    // Nothing answers at this address: the call reaches its handler, which enrols nothing.
    'sync.enrol': { registryUrl: 'https://127.0.0.1:9/', code: 'AAAAA-BBBBB-CCCCC-DDDDD', deskName: 'desk' },
    // A relative folder: the call reaches its handler, which writes nothing anywhere.
    'backup.status': {},
    'backup.run': { folder: 'relative/folder', passphrase: 'long enough passphrase' },
    'backup.setSchedule': { schedule: null },
    'catalogue.get': {},
    'calendar.get': {},
    'audit.list': { action: 'sign-ins', from: '2026-01-01', to: '2026-12-31' },
    'audit.chain': {},
    'reports.get': { kind: 'journal', from: '2026-01-01', to: '2026-12-31', format: 'csv' },
    'dashboard.get': { fromMonth: '2026-01', toMonth: '2026-12' },
    'dashboard.applications': { filter: { fromMonth: '2026-01', toMonth: '2026-12' }, segment: { kind: 'open', urgency: 'overdue' } },
    'calendar.importYear': { year: { year: 2028, daysOff: ['2028-01-03'], workingWeekends: [] } },
    'calendar.setOfficeHours': { hours: { opens: '09:00', closes: '18:30', lunchFrom: '13:00', lunchTo: '14:30' } },
    'applicants.lookup': { idn: '150840001234', kind: 'legal' },
    'poa.lookup': { registryNumber: '2026-0001234' },
    'applications.createDraft': { serviceCode: 'scrap-metal', procedure: 'issue', applicantKind: 'legal', applicantIdn: '150840001234', representation: { kind: 'none' } },
    'applications.discardDraft': { id },
    'applications.get': { id },
    'applications.checkIdentity': { id },
    'applications.resolveIdentity': { id, subject: 'applicant' },
    'applications.journal': { search: 'KRG' },
    'applications.journalCount': { status: 'issued', overdue: true },
    'licences.find': { search: 'KZ26' },
    'applications.register': { id, ...targets.clerkKey },
    'applications.verifyForm': { id: registeredId },
    'applications.assign': { id: registeredId, executorId: executorId },
    'applications.returnToExecutor': { id: registeredId, note: 'Қайта қараңыз' },
    'applications.submitForDecision': { id: registeredId },
    'applications.confirmComplete': { id: registeredId },
    'applications.proposeConsiderationRefusal': { id: registeredId, missing: ['fee-receipt'], reason: 'Квитанция не приложена' },
    'applications.myWork': {},
    'applications.handOut': { id: registeredId, handedAt: '2026-12-03T10:00:00.000Z', recipient: 'Ахметов А.', recipientIdn: null, method: 'in-person' },
    'applications.recordSurvey': { id: registeredId, process: 'satisfied', information: 'partly' },
    'documents.attach': { applicationId: id, slotCode: 'fee-receipt', fileName: 'b.pdf', contentBase64: pdf },
    'documents.remove': { documentId },
    'documents.setPaperPresented': { applicationId: id, slotCode: 'application', presented: true },
    'documents.search': { query: 'Қарағанды' },
    'documents.content': { documentId },
    'documents.read': { documentId, offset: 0, length: 1024 },
    'documents.pageText': { documentId, page: 1 },
    'scanner.devices': {},
    'scanner.addNetwork': { address: '127.0.0.1:9' },
    'scanner.removeNetwork': { deviceId: 'escl:http://127.0.0.1:9/eSCL' },
    'scanner.capabilities': { deviceId: 'sane:nonexistent' },
    'scanner.scan': { deviceId: 'sane:nonexistent', source: 'flatbed', mode: 'gray', resolution: 75 },
    'scanner.scanProgress': {},
    'scanner.import': { fileName: 'x.png', contentBase64: png },
    'scanner.cancel': {},
    'scanner.tray': {},
    'scanner.hotFolder': {},
    'scanner.hotFolderPolicy': {},
    'scanner.setHotFolderPolicy': { roots: ['/srv/scans'], rejected: 'leave' },
    'scanner.setHotFolder': { path: '/srv/scans/clerk' },
    'scanner.pageImage': { pageId },
    'scanner.editPage': { pageId, edit: { kind: 'rotate', quarterTurns: 1 } },
    'scanner.blankPages': {},
    'scanner.arrange': { pageIds: [pageId] },
    'scanner.attach': { applicationId: id, slotCode: 'fee-receipt', pageIds: [pageId] },
    'checklist.set': { applicationId: registeredId, itemCode: 'scales', met: false, note: 'Жоқ' },
    'checklist.setEvidence': { applicationId: registeredId, itemCode: 'scales', evidence: null },
    'keys.inspect': headKey,
    'decisions.issueLicence': { applicationId: registeredId, ...headKey, keyPassword: 'wrong' },
    'decisions.refuse': { applicationId: registeredId, reason: 'Сәйкес емес', ...headKey, keyPassword: 'wrong' },
    'decisions.refuseConsideration': { applicationId: registeredId, ...headKey, keyPassword: 'wrong' },
    'decisions.preview': { applicationId: registeredId, kind: 'licence' },
    'decisions.saveDraft': { applicationId: registeredId, draft: { subtypes: [0], productionBase: 'Атырау қ., Өндіріс к-сі, 12', specialConditions: '', validUntil: null } },
    'decisions.pdf': { decisionId },
    'documents.verify': { fileName: 'x.pdf', contentBase64: pdf },
    'trust.list': {},
    'trust.addCertificates': { contentBase64: png },
    'trust.importCrl': { contentBase64: png },
    'trust.setStaleRule': { rule: 'warn' },
    'trust.setNetwork': { online: false, tsaUrl: null, ocspUrl: null },
    'users.list': {},
    'users.create': { username: 'fuzzed', fullName: 'Fuzz', iin: null, roles: ['clerk'], password: 'long-enough' },
  };
}
