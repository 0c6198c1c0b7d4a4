import type { Metadata } from 'next';
import type { ReactNode } from 'react';
import './globals.css';

export const metadata: Metadata = {
  title: { default: 'External Accounts Console', template: '%s · External Accounts Console' },
  description: 'Vonage External Accounts: Messenger, WhatsApp, Viber and RCS accounts and their linked applications.',
  icons: { apple: '/apple-touch-icon.png' },
  // An admin console is never indexed (public/robots.txt and the X-Robots-Tag header say so too).
  robots: { index: false, follow: false },
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body className="min-h-screen bg-white font-sans text-slate-900 antialiased dark:bg-slate-950 dark:text-slate-100">{children}</body>
    </html>
  );
}
