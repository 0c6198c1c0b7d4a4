/** Where accounts the API cannot create come from; said on the list and on each such account. */
export const MADE_ELSEWHERE =
  'WhatsApp, Viber and RCS accounts are set up in the Vonage API Dashboard (or by your Vonage account manager); the External Accounts API can only read them and link or unlink their application.';
