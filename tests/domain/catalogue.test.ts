import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Catalogue } from '../../domain/catalogue/catalogue';
import { loadCatalogue } from '../../main/catalogue/load';

test('the shipped catalogue is valid and has the three services with their procedures', () => {
  const catalogue = loadCatalogue();
  const procedures = Object.fromEntries(catalogue.services.map((s) => [s.code, s.procedures.map((p) => p.code)]));
  assert.deepEqual(procedures, {
    'scrap-metal': ['issue', 'reissue', 'duplicate'],
    'grain-warehouse': ['issue', 'reissue', 'duplicate'],
    'eco-expertise': ['issue'],
  });
  assert.equal(catalogue.services.find((s) => s.code === 'scrap-metal')!.procedures[0]!.deadlineWorkingDays, 15);
});

test('a catalogue with a duplicate service or a missing translation is refused', () => {
  const catalogue = loadCatalogue();
  const duplicate = { ...catalogue, services: [...catalogue.services, catalogue.services[0]] };
  assert.equal(Catalogue.safeParse(duplicate).success, false);
  const untranslated = structuredClone(catalogue) as { services: { name: { kk: string } }[] };
  untranslated.services[0]!.name.kk = '';
  assert.equal(Catalogue.safeParse(untranslated).success, false);
});
