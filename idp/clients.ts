import { readFileSync } from 'node:fs';
import { z } from 'zod';

const clientsFileSchema = z.strictObject({
  clients: z
    .array(
      z.strictObject({
        clientId: z.string().min(1).max(200),
        clientSecret: z.string().min(16, 'at least 16 characters'),
        redirectUris: z.array(z.url({ protocol: /^https?$/ })).min(1),
      }),
    )
    .min(1),
});
export type ClientsFile = z.infer<typeof clientsFileSchema>;

/** The relying parties this server knows: `{"clients": [{clientId, clientSecret, redirectUris}]}`. */
export function readClients(file: string): ClientsFile['clients'] {
  const parsed = clientsFileSchema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
  if (!parsed.success) throw new Error(`${file}: ${z.prettifyError(parsed.error)}`);
  return parsed.data.clients;
}
