import Link from 'next/link';

export default function NotFound() {
  return (
    <main className="mx-auto max-w-md p-6">
      <h1 className="mb-2 text-xl font-semibold">Not found</h1>
      <p className="mb-4">There is no such page, or you may not see it.</p>
      <Link href="/" className="underline">
        Go to your accounts
      </Link>
    </main>
  );
}
