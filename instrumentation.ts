/**
 * When the server starts: the settings and the config are validated (a bad one stops it with a message naming
 * the field), and the store is opened and migrated in the background (`/api/ready` answers 200 once it is).
 */
export async function register() {
  if (process.env.NEXT_RUNTIME === 'nodejs') {
    const { checkConfigAtStart } = await import('./lib/config/startup');
    checkConfigAtStart();
    const { store } = await import('./lib/db/client');
    const { offerFirstAdmin } = await import('./lib/auth/first-admin');
    store()
      .then(() => offerFirstAdmin())
      .catch(() => {
        // Logged by store(); /api/ready says so and the next use tries again.
      });
    const { scheduleRetention } = await import('./lib/activity/schedule');
    scheduleRetention();
    const { scheduleIndex } = await import('./lib/index/schedule');
    scheduleIndex();
    const { scheduleReplaceRecovery } = await import('./lib/bff/replace-journal');
    scheduleReplaceRecovery();
  }
}
