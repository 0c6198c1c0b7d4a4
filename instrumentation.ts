/** Validates the config when the server starts: a bad file stops it with a message naming the field. */
export async function register() {
  if (process.env.NEXT_RUNTIME === 'nodejs') {
    const { checkConfigAtStart } = await import('./lib/config/startup');
    checkConfigAtStart();
  }
}
