// autocannon (CommonJS, no bundled types): the small part of its API that bench-submit uses.
import { createRequire } from "node:module";

export interface AcRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: string;
  setupRequest?: (req: AcRequest, context: Record<string, unknown>) => AcRequest;
  onResponse?: (status: number, body: string, context: Record<string, unknown>) => void;
}
export interface AcResult {
  errors: number;
  timeouts: number;
  duration: number;
}
export interface AcInstance {
  on(event: "response", fn: (client: unknown, status: number, bytes: number, responseTime: number) => void): void;
  stop(): void;
}
export type Autocannon = (
  opts: {
    url: string;
    connections: number;
    amount: number;
    timeout: number;
    pipelining: number;
    requests: AcRequest[];
  },
  cb: (err: Error | null, result: AcResult) => void,
) => AcInstance;
export const autocannon = createRequire(import.meta.url)("autocannon") as Autocannon;
