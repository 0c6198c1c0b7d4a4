import type { NextRequest } from 'next/server';
import NextAuth from 'next-auth';
import { authOptions } from '@/lib/auth/options';
import { guardSignIn } from '@/lib/auth/sign-in-guard';

type Ctx = { params: Promise<{ nextauth?: string[] }> };

const handler = NextAuth(authOptions) as (req: NextRequest, ctx: Ctx) => Promise<Response>;

/** next-auth checks a password only on POST callback/credentials (its action and provider are these two segments). */
async function POST(req: NextRequest, ctx: Ctx): Promise<Response> {
  const [action, provider] = (await ctx.params).nextauth ?? [];
  if (action === 'callback' && provider === 'credentials') return guardSignIn(() => handler(req, ctx));
  return handler(req, ctx);
}

export { handler as GET, POST };
