import type { Role } from '@/lib/config/schema';

declare module 'next-auth' {
  interface User {
    role: Role;
    workspace: string | null;
  }
  interface Session {
    user: { email: string; name: string; role: Role; workspace: string | null };
  }
}

declare module 'next-auth/jwt' {
  interface JWT {
    role?: Role;
    workspace?: string | null;
    /** Seconds since the epoch at sign-in: the absolute session limit counts from here. */
    loginAt?: number;
  }
}
