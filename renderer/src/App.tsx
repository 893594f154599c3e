import { can } from '../../domain/api/can';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { User } from '../../domain/api/contract';
import type { Catalogue } from '../../domain/catalogue/catalogue';
import type { Language } from '../../domain/i18n/text';
import { api, SESSION_ENDED } from './api';
import { ErrorBox } from './components/ErrorBox';
import { currentLanguage, errorMessage, setLanguage } from './i18n';
import { ApplicationView } from './screens/application/ApplicationView';
import { Intake } from './screens/Intake';
import { Journal } from './screens/journal/Journal';
import { journalViewInAddress } from './screens/journal/journal-address';
import { ShortcutsHelp, useShortcuts } from './components/shortcuts';
import { IconButton } from './components/IconButton';
import { Login } from './screens/Login';
import { Setup } from './screens/Setup';
import { Users } from './screens/Users';
import { ScanFolders } from './screens/ScanFolders';
import { TrustStore } from './screens/TrustStore';
import { Verify } from './screens/Verify';
import { Registry } from './screens/Registry';
import { Backup } from './screens/Backup';
import { SyncIndicator } from './components/SyncIndicator';
import { Calendar } from './screens/Calendar';
import { Audit } from './screens/Audit';
import { MyWork } from './screens/work/MyWork';
import { Dashboard } from './screens/dashboard/Dashboard';
import { DeadlineAlerts, useDeadlineAlerts } from './screens/work/deadline-alerts';
import { CalendarWarning } from './components/StepBadge';
import type { CalendarGaps } from '../../domain/api/admin';

type Screen = { name: 'journal' } | { name: 'work' } | { name: 'dashboard' } | { name: 'calendar' } | { name: 'audit' } | { name: 'intake' } | { name: 'verify' } | { name: 'trust' } | { name: 'users' } | { name: 'scanFolders' } | { name: 'registry' } | { name: 'backup' } | { name: 'application'; id: string };
type Phase = 'loading' | 'setup' | 'login' | 'ready';

export function App() {
  const { t } = useTranslation();
  const [phase, setPhase] = useState<Phase>('loading');
  const [user, setUser] = useState<User | null>(null);
  const [catalogue, setCatalogue] = useState<Catalogue | null>(null);
  const [screen, setScreen] = useState<Screen>({ name: 'journal' });
  const [fatal, setFatal] = useState<string | null>(null);
  const [loginNotice, setLoginNotice] = useState<string | null>(null);
  const [calendarGaps, setCalendarGaps] = useState<CalendarGaps | null>(null);
  // Whoever holds steps (not the administrator alone) is told when one of theirs is about to go overdue.
  const holdsSteps = !!user && user.roles.some((r) => r !== 'admin');
  const deadlineAlerts = useDeadlineAlerts(phase === 'ready' && holdsSteps, screen);
  const [help, setHelp] = useState(false);
  // Shortcuts (components/shortcuts) go where the nav buttons go, for whoever has that button.
  useShortcuts((action) => {
    if (phase !== 'ready' || !user) return;
    if (action === 'help') return setHelp(true);
    if (action === 'search') {
      setScreen({ name: 'journal' });
      // The journal may be drawing (a busy machine takes a few frames): its search field is focused once it is there.
      const focusWhenThere = (framesLeft: number) => {
        const field = document.getElementById('journal-search');
        if (field) field.focus();
        else if (framesLeft > 0) requestAnimationFrame(() => focusWhenThere(framesLeft - 1));
      };
      return requestAnimationFrame(() => focusWhenThere(60));
    }
    const allowed = { work: holdsSteps, journal: true, intake: can(user, 'applications.createDraft'), dashboard: can(user, 'dashboard.get') }[action];
    if (allowed) setScreen({ name: action } as Screen);
  });

  useEffect(() => {
    api['setup.status']({})
      .then((s) => setPhase(s.needsSetup ? 'setup' : 'login'))
      .catch((e) => setFatal(errorMessage(e)));
  }, []);

  // A session over (idle too long, or the core restarted) on any call of any screen — shown there or not —
  // brings the user back to the login screen with the reason, rather than leaving the screen on its error.
  useEffect(() => {
    const onEnded = (event: Event) => {
      setLoginNotice(errorMessage((event as CustomEvent<unknown>).detail));
      setUser(null);
      setPhase('login');
    };
    window.addEventListener(SESSION_ENDED, onEnded);
    return () => window.removeEventListener(SESSION_ENDED, onEnded);
  }, []);

  async function loggedIn(u: User) {
    setUser(u);
    setLoginNotice(null);
    setCatalogue(await api['catalogue.get']({}));
    setCalendarGaps((await api['calendar.get']({})).gaps);
    // A journal view in the address (screens/journal/journal-address) is reopened; otherwise one's work first.
    setScreen(journalViewInAddress() || !u.roles.some((r) => r !== 'admin') ? { name: 'journal' } : { name: 'work' });
    setPhase('ready');
  }

  async function logout() {
    await api['auth.logout']({}).catch(() => undefined);
    setUser(null);
    setPhase('login');
  }

  const languageSwitch = (
    <div className="language" role="group" aria-label={t('app.language')}>
      {(['kk', 'ru'] as Language[]).map((l) => (
        <button key={l} type="button" className={currentLanguage() === l ? 'active' : 'secondary'} aria-pressed={currentLanguage() === l} onClick={() => setLanguage(l)}>
          {t(`app.${l}`)}
        </button>
      ))}
    </div>
  );

  if (fatal) return <ErrorBox message={fatal} />;
  if (phase === 'loading') return <p>{t('common.loading')}</p>;
  if (phase === 'setup' || phase === 'login' || !user || !catalogue) {
    return (
      <main className="center">
        <header className="brand">
          <span>{t('app.name')}</span>
          {languageSwitch}
        </header>
        {phase === 'setup' ? <Setup onDone={() => setPhase('login')} /> : <Login onLoggedIn={loggedIn} notice={loginNotice} />}
      </main>
    );
  }

  // Each screen shows for whoever may make its main call (domain/api/can, as the core decides).
  const may = (call: Parameters<typeof can>[1]) => can(user, call);
  return (
    <div className="layout">
      <ShortcutsHelp open={help} onClose={() => setHelp(false)} />
      <header className="topbar">
        <span className="brand-name">{t('app.name')}</span>
        <nav>
          {holdsSteps && (
            <button type="button" className={screen.name === 'work' ? 'active' : 'secondary'} onClick={() => setScreen({ name: 'work' })}>
              {t('nav.work')}
            </button>
          )}
          {may('dashboard.get') && (
            <button type="button" className={screen.name === 'dashboard' ? 'active' : 'secondary'} onClick={() => setScreen({ name: 'dashboard' })}>
              {t('nav.dashboard')}
            </button>
          )}
          <button type="button" className={screen.name === 'journal' ? 'active' : 'secondary'} onClick={() => setScreen({ name: 'journal' })}>
            {t('nav.journal')}
          </button>
          {may('applications.createDraft') && (
            <button type="button" className={screen.name === 'intake' ? 'active' : 'secondary'} onClick={() => setScreen({ name: 'intake' })}>
              {t('nav.intake')}
            </button>
          )}
          <button type="button" className={screen.name === 'verify' ? 'active' : 'secondary'} onClick={() => setScreen({ name: 'verify' })}>
            {t('nav.verify')}
          </button>
          {may('trust.list') && (
            <button type="button" className={screen.name === 'trust' ? 'active' : 'secondary'} onClick={() => setScreen({ name: 'trust' })}>
              {t('nav.trust')}
            </button>
          )}
          {may('users.create') && (
            <button type="button" className={screen.name === 'users' ? 'active' : 'secondary'} onClick={() => setScreen({ name: 'users' })}>
              {t('nav.users')}
            </button>
          )}
          {may('scanner.setHotFolderPolicy') && (
            <button type="button" className={screen.name === 'scanFolders' ? 'active' : 'secondary'} onClick={() => setScreen({ name: 'scanFolders' })}>
              {t('nav.scanFolders')}
            </button>
          )}
          {may('audit.list') && (
            <button type="button" className={screen.name === 'audit' ? 'active' : 'secondary'} onClick={() => setScreen({ name: 'audit' })}>
              {t('nav.audit')}
            </button>
          )}
          {may('calendar.importYear') && (
            <button type="button" className={screen.name === 'calendar' ? 'active' : 'secondary'} onClick={() => setScreen({ name: 'calendar' })}>
              {t('nav.calendar')}
            </button>
          )}
          {may('sync.enrol') && (
            <button type="button" className={screen.name === 'registry' ? 'active' : 'secondary'} onClick={() => setScreen({ name: 'registry' })}>
              {t('nav.registry')}
            </button>
          )}
          {may('backup.run') && (
            <button type="button" className={screen.name === 'backup' ? 'active' : 'secondary'} onClick={() => setScreen({ name: 'backup' })}>
              {t('nav.backup')}
            </button>
          )}
          <IconButton label={t('shortcuts.hint')} className="secondary" onClick={() => setHelp(true)}>
            ?
          </IconButton>
        </nav>
        <SyncIndicator />
        {languageSwitch}
        <span className="who" data-testid="current-user">
          {user.fullName} · {user.roles.map((r) => t(`roles.${r}`)).join(', ')}
        </span>
        <button type="button" className="secondary" onClick={logout}>
          {t('nav.logout')}
        </button>
      </header>
      <main>
        {/* A year the deadlines run into that the calendar lacks: loud, on every screen, until it is imported. */}
        {screen.name !== 'calendar' && <CalendarWarning gaps={calendarGaps && calendarGaps.missingYears.length > 0 ? { ...calendarGaps, provisionalYears: [] } : null} />}
        <DeadlineAlerts
          alerts={deadlineAlerts.alerts}
          dismiss={deadlineAlerts.dismiss}
          dismissAll={deadlineAlerts.dismissAll}
          onOpen={(id) => setScreen({ name: 'application', id })}
          onOpenWork={() => setScreen({ name: 'work' })}
        />
        {screen.name === 'work' && <MyWork catalogue={catalogue} onOpen={(id) => setScreen({ name: 'application', id })} />}
        {screen.name === 'dashboard' && <Dashboard catalogue={catalogue} onOpen={(id) => setScreen({ name: 'application', id })} />}
        {screen.name === 'calendar' && <Calendar />}
        {screen.name === 'audit' && <Audit />}
        {screen.name === 'journal' && (
          <Journal
            catalogue={catalogue}
            textSearch={may('documents.search')}
            exportable={may('reports.get')}
            canPickExecutor={may('users.list')}
            executorSelf={user.roles.includes('executor') ? user.id : null}
            onOpen={(id) => setScreen({ name: 'application', id })}
          />
        )}
        {screen.name === 'intake' && <Intake catalogue={catalogue} onCreated={(id) => setScreen({ name: 'application', id })} />}
        {screen.name === 'users' && <Users />}
        {screen.name === 'scanFolders' && <ScanFolders />}
        {screen.name === 'verify' && <Verify />}
        {screen.name === 'trust' && <TrustStore />}
        {screen.name === 'registry' && <Registry />}
        {screen.name === 'backup' && <Backup />}
        {screen.name === 'application' && (
          <ApplicationView key={screen.id} id={screen.id} user={user} catalogue={catalogue} onClosed={() => setScreen({ name: 'journal' })} />
        )}
      </main>
    </div>
  );
}
