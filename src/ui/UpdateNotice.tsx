/**
 * Registers the service worker (vite.config.ts, offlineApp) — mounted once the page has started up
 * (src/ui/startup.ts), so its precache does not compete with the first sample — and, when a new version of the app has
 * been downloaded, says so with a reload button instead of switching versions under a running
 * lesson: the new worker waits until the user presses it.
 */
import { useTranslation } from 'react-i18next';
import { useRegisterSW } from 'virtual:pwa-register/react';
import { hooks } from './testHooks';

export function UpdateNotice() {
  const { t: tr } = useTranslation();
  const {
    needRefresh: [needRefresh],
    updateServiceWorker,
  } = useRegisterSW({
    // Precaching finished: from now on the app shell loads without the network.
    onOfflineReady: () => {
      hooks().offlineReady = true;
    },
    // No service worker (a private window, a browser or test that blocks them): the app works
    // online exactly as before, so this is not an error worth the user's attention.
    onRegisterError: () => {},
  });
  if (!needRefresh) return null;
  return (
    <div className="update-notice" role="status" data-testid="update-ready">
      {tr('update.ready')}{' '}
      <button type="button" onClick={() => void updateServiceWorker(true)}>
        {tr('update.reload')}
      </button>
    </div>
  );
}
