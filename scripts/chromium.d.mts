export declare const chromiumPath: string;
export declare const chromiumArgs: string[];
export declare function ensureChromium(env?: NodeJS.ProcessEnv): boolean;
