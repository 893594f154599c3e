import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApplicationDetail, User } from '../../../../domain/api/contract';
import { api } from '../../api';
import type { Update } from './update';

/** The head gives the application to an executor (or to another one). */
export function AssignPanel({ app, update }: { app: ApplicationDetail; update: Update }) {
  const { t } = useTranslation();
  const [executors, setExecutors] = useState<User[]>([]);
  const [executorId, setExecutorId] = useState(app.executorId ?? '');
  useEffect(() => {
    void api['users.list']({}).then((users) => setExecutors(users.filter((u) => u.roles.includes('executor'))));
  }, []);
  return (
    <div className="card row">
      <div className="field">
        <label htmlFor="executor">{t('application.executor')}</label>
        <select id="executor" value={executorId} onChange={(e) => setExecutorId(e.target.value)}>
          <option value="" />
          {executors.map((u) => (
            <option key={u.id} value={u.id}>
              {u.desk ? t('application.executorAt', { name: u.fullName, desk: u.desk }) : u.fullName}
            </option>
          ))}
        </select>
      </div>
      <button type="button" disabled={!executorId} onClick={() => update(() => api['applications.assign']({ id: app.id, executorId }))}>
        {t('application.assign')}
      </button>
    </div>
  );
}
