export const dynamic = 'force-dynamic';

/** Liveness: no session, no upstream call. */
export function GET() {
  return Response.json({ status: 'ok' }, { headers: { 'cache-control': 'no-store' } });
}
