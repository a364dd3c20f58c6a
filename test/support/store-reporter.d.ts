// Types of store-reporter.js, for its test.
interface Count {
  passed: number;
  failed: number;
  skipped: number;
}
interface Results {
  testResults: { testResults: { fullName: string; status: string }[] }[];
}

declare class StoreReporter {
  constructor(globalConfig?: unknown, options?: unknown, context?: unknown, env?: NodeJS.ProcessEnv);
  onRunComplete(contexts: unknown, results: Results): void;
  getLastError(): Error | undefined;
}
declare namespace StoreReporter {
  export { Count, Results };
  export function countTags(results: Results): Record<string, Count>;
  export function ciProblems(counts: Record<string, Count>): string[];
  export function isCI(env?: NodeJS.ProcessEnv): boolean;
}
export = StoreReporter;
