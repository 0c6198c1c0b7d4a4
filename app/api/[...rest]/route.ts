import { HttpError } from '@/lib/bff/problem';
import { userRoute } from '@/lib/bff/handler';

export const dynamic = 'force-dynamic';

/** Any other /api path: a JSON 404 (after the same session check), never an HTML page. */
const notFound = userRoute(async () => {
  throw new HttpError(404, 'Not found', 'No such API route.');
});
export { notFound as GET, notFound as POST, notFound as PUT, notFound as PATCH, notFound as DELETE };
