import assert from 'node:assert/strict';
import { test } from 'node:test';
import { draftsVisibleTo, mayUseApplication } from '../../../domain/applications/ownership';

const clerkA = { id: 'a', roles: ['clerk'] as const };
const clerkB = { id: 'b', roles: ['clerk'] as const };
const head = { id: 'h', roles: ['head'] as const };
const admin = { id: 'x', roles: ['admin'] as const };
const executor = { id: 'e', roles: ['executor'] as const };
const draft = { status: 'draft' as const, createdBy: 'a' };
const registered = { status: 'registered' as const, createdBy: 'a' };

test('a draft is its clerk’s to change; the head and the administrator may look; nobody else', () => {
  assert.equal(mayUseApplication(clerkA, draft, 'change'), true);
  assert.equal(mayUseApplication(clerkB, draft, 'change'), false);
  assert.equal(mayUseApplication(clerkB, draft, 'read'), false);
  assert.equal(mayUseApplication(executor, draft, 'read'), false);
  assert.equal(mayUseApplication(head, draft, 'read'), true);
  assert.equal(mayUseApplication(head, draft, 'change'), false);
  assert.equal(mayUseApplication(admin, draft, 'read'), true);
  assert.equal(draftsVisibleTo(clerkA), 'own');
  assert.equal(draftsVisibleTo(head), 'all');
});

test('a registered application is the office’s: ownership no longer restricts it', () => {
  for (const user of [clerkA, clerkB, head, executor]) {
    assert.equal(mayUseApplication(user, registered, 'read'), true);
    assert.equal(mayUseApplication(user, registered, 'change'), true);
  }
});
