declare module 'next-auth/jwt' {
  interface JWT {
    /** Seconds since the epoch at sign-in: the absolute session limit counts from here. */
    loginAt?: number;
  }
}

export {};
