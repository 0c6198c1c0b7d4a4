/** One call the simulator received, as its request log (`/_sim/requests`) lists it. */
export interface SimRequest {
  method: string;
  path: string;
  query: string;
  auth: string;
  apiKey: string | null;
  status: number;
}

/** The simulator's control API at `url()`: its request log and its faults (the integration stack's and the cluster's). */
export function simControl(url: () => string) {
  return {
    async requests(): Promise<SimRequest[]> {
      const res = await fetch(`${url()}/_sim/requests`);
      return ((await res.json()) as { requests: SimRequest[] }).requests;
    },
    async clearRequests(): Promise<void> {
      await fetch(`${url()}/_sim/requests`, { method: 'DELETE' });
    },
    async faults(config: Record<string, unknown>): Promise<void> {
      const res = await fetch(`${url()}/_sim/faults`, {
        method: 'PUT',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(config),
      });
      if (!res.ok) throw new Error(`simulator refused faults: ${res.status}`);
    },
    async clearFaults(): Promise<void> {
      await fetch(`${url()}/_sim/faults`, { method: 'DELETE' });
    },
  };
}
