import type { ChildProcess } from 'node:child_process';

export declare const nginxPath: string;
export declare const nginxTemplate: string;
export declare function ensureNginx(env?: NodeJS.ProcessEnv): string | null;
export declare function renderNginxConfig(opts: { prefix: string; listen: string; instances: [string, string] }): string;
export declare function startNginx(opts: {
  prefix: string;
  listen: string;
  instances: [string, string];
  timeoutMs?: number;
}): Promise<ChildProcess>;
