import assert from 'node:assert/strict';
import { test } from 'node:test';
import { STATUSES, transitionTarget, type Transition } from '../../../domain/applications/status';

test('the application moves only along the regulation\'s path', () => {
  assert.equal(transitionTarget('draft', 'register'), 'registered');
  assert.equal(transitionTarget('registered', 'assign'), 'assigned');
  assert.equal(transitionTarget('assigned', 'assign'), 'assigned');
  assert.equal(transitionTarget('assigned', 'submit-for-decision'), 'ready-for-decision');
  assert.equal(transitionTarget('ready-for-decision', 'issue'), 'issued');
  assert.equal(transitionTarget('ready-for-decision', 'refuse'), 'refused');
  assert.equal(transitionTarget('draft', 'issue'), null);
  assert.equal(transitionTarget('registered', 'issue'), null);
});

test('final states accept no transition', () => {
  const all: Transition[] = ['register', 'assign', 'submit-for-decision', 'return-to-executor', 'issue', 'refuse'];
  for (const status of STATUSES.filter((s) => s === 'issued' || s === 'refused')) {
    for (const t of all) assert.equal(transitionTarget(status, t), null);
  }
});
