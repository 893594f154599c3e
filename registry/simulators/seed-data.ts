import type { LegalEntityRecord, PersonRecord, PoaRecord } from '../../domain/gateway/state-databases';

/** Test data of the simulated state databases. Every IIN/BIN here passes the checksum (tests check it). */
export const DEMO_AUTHORITY_BIN = '990140001114';
export const DEMO_HEAD_IIN = '781103500670';
export const DEMO_EXECUTOR_IIN = '750301400117';
export const DEMO_CLERK_IIN = '621012400231';
/** Valid checksum, absent from every simulated database. */
export const UNKNOWN_BIN = '210540002225';

export const LEGAL_ENTITIES: LegalEntityRecord[] = [
  {
    bin: '150840001234',
    fullNameKk: '«Атырау Металл Ресайклинг» жауапкершілігі шектеулі серіктестігі',
    fullNameRu: 'Товарищество с ограниченной ответственностью «Атырау Металл Ресайклинг»',
    address: 'Атырау қ., Өндіріс к-сі, 12',
    head: { iin: '850215300124', fullName: 'Әбілқасымова Гүлнар Серікқызы' },
    status: 'registered',
    registeredOn: '2015-08-14',
  },
  {
    bin: '091240004563',
    fullNameKk: '«Қарағанды Түсті Метсынық» ЖШС',
    fullNameRu: 'ТОО «Карагандинский Цветной Металлолом»',
    address: 'Қарағанды қ., Бұқар жырау даңғ., 45',
    head: { iin: '900712400451', fullName: 'Нұрланов Дәурен Асқарұлы' },
    status: 'registered',
    registeredOn: '2009-12-02',
  },
  {
    bin: '180340007895',
    fullNameKk: '«Батыс Астық Қоймасы» акционерлік қоғамы',
    fullNameRu: 'Акционерное общество «Батыс Астык Коймасы»',
    address: 'Орал қ., Сырым Датұлы к-сі, 7',
    head: null,
    status: 'registered',
    registeredOn: '2018-03-20',
  },
  {
    bin: '200140003217',
    fullNameKk: '«Жабылған Өнім» ЖШС',
    fullNameRu: 'ТОО «Закрытая Продукция»',
    address: 'Теміртау қ., Металлургтер даңғ., 3',
    head: null,
    status: 'liquidated',
    registeredOn: '2020-01-09',
  },
  {
    bin: DEMO_AUTHORITY_BIN,
    fullNameKk: 'Қарағанды облысының кәсіпкерлік және индустриалдық-инновациялық даму басқармасы',
    fullNameRu: 'Управление предпринимательства и индустриально-инновационного развития Карагандинской области',
    address: 'Қарағанды қ., Бұқар жырау даңғ., 47',
    head: { iin: DEMO_HEAD_IIN, fullName: 'Сәрсенбаев Қайрат Болатұлы' },
    status: 'registered',
    registeredOn: '1999-01-15',
  },
];

export const PERSONS: PersonRecord[] = [
  {
    iin: '850215300124',
    surname: 'Әбілқасымова',
    name: 'Гүлнар',
    patronymic: 'Серікқызы',
    birthDate: '1985-02-15',
    address: 'Атырау қ., Абай к-сі, 5, 17 п.',
    identityDocument: { kind: 'identity-card', number: '045123987', issuedOn: '2019-05-10' },
  },
  {
    iin: '900712400451',
    surname: 'Нұрланов',
    name: 'Дәурен',
    patronymic: 'Асқарұлы',
    birthDate: '1990-07-12',
    address: 'Қарағанды қ., Ерубаев к-сі, 20, 4 п.',
    identityDocument: { kind: 'identity-card', number: '038765412', issuedOn: '2018-11-02' },
  },
  {
    iin: DEMO_HEAD_IIN,
    surname: 'Сәрсенбаев',
    name: 'Қайрат',
    patronymic: 'Болатұлы',
    birthDate: '1978-11-03',
    address: 'Қарағанды қ., Гоголь к-сі, 31',
    identityDocument: null,
  },
];

export const POWERS_OF_ATTORNEY: PoaRecord[] = [
  {
    registryNumber: '2026-0001234',
    principalIdn: '150840001234',
    attorneyIin: '900712400451',
    attorneyFullName: 'Нұрланов Дәурен Асқарұлы',
    powers: 'Лицензия алу үшін өтініш беру және нәтижені алу / Подача заявления на получение лицензии и получение результата',
    validFrom: '2026-01-15',
    validUntil: '2027-01-14',
    notary: 'Жұмабаева Ә. Қ., Атырау қ. нотариусы, лицензия № 0001567',
    revoked: false,
  },
];
