declare module 'next-auth/jwt' {
  interface JWT {
    /** Seconds since the epoch at sign-in: the absolute session limit counts from here. */
    loginAt?: number;
    /** SSO (interim until sessions are in the store): the role and workspace the provider's groups mapped to. */
    sso?: { role: string; workspace: string | null; provider: string };
  }
}

export {};
