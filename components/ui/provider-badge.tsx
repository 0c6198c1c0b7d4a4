import { PROVIDER_LABELS, type Provider } from '@/lib/schemas/providers';

const STYLES: Record<Provider, string> = {
  messenger: 'bg-blue-100 text-blue-900 dark:bg-blue-950 dark:text-blue-100',
  whatsapp: 'bg-green-100 text-green-900 dark:bg-green-950 dark:text-green-100',
  viber_service_msg: 'bg-violet-100 text-violet-900 dark:bg-violet-950 dark:text-violet-100',
  rcs: 'bg-amber-100 text-amber-950 dark:bg-amber-950 dark:text-amber-100',
};

const GLYPHS: Record<Provider, string> = { messenger: 'M', whatsapp: 'W', viber_service_msg: 'V', rcs: 'R' };

export function ProviderBadge({ provider }: { provider: Provider }) {
  return (
    <span className={`inline-flex items-center gap-1.5 rounded-full px-2 py-0.5 text-xs font-medium whitespace-nowrap ${STYLES[provider]}`}>
      <span aria-hidden="true" className="grid size-4 place-items-center rounded-full bg-current/15 text-[0.6rem] font-bold">
        {GLYPHS[provider]}
      </span>
      {PROVIDER_LABELS[provider]}
    </span>
  );
}
