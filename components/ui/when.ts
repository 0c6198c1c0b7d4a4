/**
 * A moment as every page of the console writes it: "1 Dec 2026, 16:43:02", in the browser's time zone. One format
 * for the Activity, People and invitation pages, so that times can be compared across them at a glance.
 */
export const formatWhen = (iso: string) => new Date(iso).toLocaleString('en-GB', { dateStyle: 'medium', timeStyle: 'medium' });
