declare module 'next-auth/jwt' {
  interface JWT {
    /** The session in the store this cookie names (lib/auth/sessions.ts); nothing else in the cookie decides anything. */
    sid?: string;
  }
}

export {};
