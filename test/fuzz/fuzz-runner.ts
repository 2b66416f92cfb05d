import { type FuzzOptions, type FuzzRequest, fuzzRequests } from './openapi-fuzz.js';
import type { OpenApiDocument } from './openapi-schema.js';

/** What one request of the fuzz got back. */
export interface FuzzOutcome {
  request: FuzzRequest;
  status: number;
  response: string;
}

export interface FuzzReport {
  seed: number;
  requests: number;
  operations: number;
  byClass: Record<string, number>;
  byStatus: Record<string, number>;
  byOperation: Record<string, Record<string, number>>;
  /** Every 5xx answer (and every request that got no answer), with what was sent. */
  failures: Array<{ operation: string; method: string; path: string; body?: string; status: number; response: string }>;
  /** The first few 4xx answers of each operation that never succeeded: what kept it from getting further. */
  refusals: Record<string, string[]>;
  /** Requests sent again because the socket closed under them before any answer (see `send`). */
  resent: number;
  durationMs: number;
}

function classOf(status: number): string {
  return status === 0 ? 'no answer' : `${Math.floor(status / 100)}xx`;
}

/** Sends the requests, `concurrency` at a time, and counts what came back: per status, class and operation, every 5xx in full. */
export async function runFuzz(doc: OpenApiDocument, options: FuzzOptions): Promise<FuzzReport> {
  const started = Date.now();
  const requests = fuzzRequests(doc, options);
  const report: FuzzReport = {
    seed: options.seed,
    requests: 0,
    operations: new Set(requests.map((r) => r.operation)).size,
    byClass: {},
    byStatus: {},
    byOperation: {},
    failures: [],
    refusals: {},
    resent: 0,
    durationMs: 0,
  };
  const refused: Record<string, string[]> = {};
  let next = 0;
  const worker = async () => {
    while (next < requests.length) {
      const request = requests[next++];
      const outcome = await send(options, request, report);
      const cls = classOf(outcome.status);
      report.requests++;
      report.byClass[cls] = (report.byClass[cls] ?? 0) + 1;
      report.byStatus[String(outcome.status)] = (report.byStatus[String(outcome.status)] ?? 0) + 1;
      const op = (report.byOperation[request.operation] ??= {});
      op[cls] = (op[cls] ?? 0) + 1;
      if (outcome.status >= 500 || outcome.status === 0) {
        report.failures.push({
          operation: request.operation,
          method: request.method,
          path: request.path.slice(0, 500),
          ...(request.body === undefined ? {} : { body: request.body.slice(0, 1500) }),
          status: outcome.status,
          response: outcome.response.slice(0, 600),
        });
      }
      if (outcome.status >= 400 && outcome.status < 500 && (refused[request.operation] ??= []).length < 4)
        refused[request.operation].push(`${outcome.status} ${outcome.response.slice(0, 300)}`);
      if (report.requests % 500 === 0) options.onProgress?.(report.requests, report);
    }
  };
  await Promise.all(Array.from({ length: options.concurrency ?? 4 }, worker));
  for (const [operation, counts] of Object.entries(report.byOperation))
    if (!counts['2xx'] && refused[operation]) report.refusals[operation] = refused[operation];
  report.durationMs = Date.now() - started;
  return report;
}

/** The socket closed under a request before any answer: a keep-alive connection the server was closing just then. */
function closedUnder(error: unknown): boolean {
  const code = (error as { cause?: { code?: string } }).cause?.code;
  return code === 'UND_ERR_SOCKET' || code === 'ECONNRESET';
}

/**
 * Sends one request. A request the socket closed under before any answer is sent once more on
 * a new connection (and counted): a server that died would refuse that one too, so it still
 * counts as a failure.
 */
async function send(options: FuzzOptions, request: FuzzRequest, report: FuzzReport): Promise<FuzzOutcome> {
  const key = options.keys[request.as] ?? options.keys.admin;
  const attempt = async () => {
    const response = await fetch(`${options.baseUrl}${request.path}`, {
      method: request.method,
      headers: { ...request.headers, 'x-api-key': key },
      body: request.body,
      signal: AbortSignal.timeout(options.timeoutMs ?? 90_000),
    });
    return { request, status: response.status, response: await response.text() };
  };
  try {
    return await attempt().catch(async (error: unknown) => {
      if (!closedUnder(error)) throw error;
      report.resent++;
      return attempt();
    });
  } catch (error) {
    const cause = (error as { cause?: unknown }).cause;
    const why = error instanceof Error ? error.message : String(error);
    return { request, status: 0, response: cause instanceof Error ? `${why}: ${cause.message}` : why };
  }
}
