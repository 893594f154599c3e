import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { appRoot } from '../../main/paths';
import { startWebHost } from '../../main/web-host/server';
import { findUserByName } from '../../db/repositories/users';
import { e2eAppPerFile, login, useRussian } from './harness';

const e2e = e2eAppPerFile();

test('a session ended under a screen that shows its own errors brings the user back to sign in; a core that stops or restarts is said as such, never as an internal error', async () => {
  const app = e2e();
  const page = await app.open();
  await useRussian(page);
  await login(page, 'clerk');
  await page.getByRole('heading', { name: 'Мои задачи' }).waitFor();

  // The core forgot the session (restarted, or an administrator ended it): the next screen's call brings the sign-in form, with the reason.
  app.test.core.ctx.sessions.endAllOf(findUserByName(app.test.core.ctx.db, 'clerk')!.id);
  await page.getByRole('button', { name: 'Журнал регистрации' }).click();
  await page.getByRole('button', { name: 'Войти', exact: true }).waitFor();
  await page.getByText('Войдите в систему.').waitFor();
  await login(page, 'clerk');
  await page.getByRole('button', { name: 'Выйти' }).waitFor();

  // The АЖО process stops: the window says it cannot reach it (and that nothing changed), not "internal error".
  const port = Number(new URL(app.host.url).port);
  await app.host.close();
  await page.getByRole('button', { name: 'Мои задачи' }).click();
  await page.getByText(/Нет связи с программой АЖО на этом компьютере/).waitFor();
  assert.equal(await page.getByText(/Внутренняя ошибка/).count(), 0);

  // It is started again (a new launch token): this window is told it is from the previous run and how to go on.
  const again = await startWebHost({ dispatch: app.test.core.dispatch, staticDir: join(appRoot(), 'dist', 'renderer'), port });
  try {
    await page.getByRole('button', { name: 'Журнал регистрации' }).click();
    await page.getByText(/перезапущена: это окно от прежнего запуска/).waitFor();
    assert.equal(await page.getByText(/Внутренняя ошибка/).count(), 0);
  } finally {
    await again.close();
  }
});
