import { type ChildProcess, spawn } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, readFileSync, type WriteStream } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { randomBytes } from 'node:crypto';
import {
  createTestDatabase,
  freePort,
  startTestNats,
  startTestNatsCluster,
  stopChild,
  type TestDatabase,
  type TestNats,
} from './infra.js';

export const SERVICE_NAMES = ['inventory', 'pricing', 'orders', 'warehouse', 'billing', 'gateway'] as const;
export type ServiceName = (typeof SERVICE_NAMES)[number];
/** One process of a service: its name for the first, `<name>#<k>` for replica k (2, 3, ...). */
export type ServiceInstance = ServiceName | `${ServiceName}#${number}`;

/** The service an instance runs. */
export function serviceOf(instance: ServiceInstance): ServiceName {
  return instance.split('#')[0] as ServiceName;
}

export interface SystemOptions {
  services?: readonly ServiceName[];
  /** Processes per service (1 unless given): replica k is the instance `<name>#<k>`, on a port of its own. */
  replicas?: Partial<Record<ServiceName, number>>;
  /** One nats-server (the default), or a three-server JetStream cluster (`system.nats` is then a TestNatsCluster). */
  nats?: 'single' | 'cluster';
  /** Extra environment for every service. */
  env?: Record<string, string>;
  /**
   * Extra environment for one service (applied after `env`), e.g. its own DATABASE_URL through a
   * proxy; a function is given the system's database and NATS server.
   */
  serviceEnv?:
    | Partial<Record<ServiceName, Record<string, string>>>
    | ((infra: { db: TestDatabase; nats: TestNats }) => Partial<Record<ServiceName, Record<string, string>>>);
}

interface Running {
  child: ChildProcess;
  port: number;
  log: WriteStream;
}

const root = resolve(process.cwd());

/**
 * The whole system as separate processes started from the build in dist/, on a fresh
 * database and a private nats-server: what `npm start` runs, but isolated per test file.
 */
export class TestSystem {
  readonly adminKey = `o2c_admin_${randomBytes(16).toString('hex')}`;
  private readonly running = new Map<ServiceInstance, Running>();
  private readonly ports = new Map<ServiceInstance, number>();
  readonly logDir: string;

  private constructor(
    readonly db: TestDatabase,
    readonly nats: TestNats,
    private readonly options: SystemOptions,
  ) {
    this.logDir = join(tmpdir(), `o2c-logs-${db.name}`);
    mkdirSync(this.logDir, { recursive: true });
  }

  static async start(options: SystemOptions = {}): Promise<TestSystem> {
    if (!existsSync(join(root, 'dist/BUILT')))
      throw new Error('dist/ is missing: run `npm run build` first (npm test does)');
    const [db, nats] = await Promise.all([
      createTestDatabase(),
      options.nats === 'cluster' ? startTestNatsCluster() : startTestNats(),
    ]);
    const system = new TestSystem(db, nats, options);
    try {
      await Promise.all((options.services ?? SERVICE_NAMES).map((name) => system.startService(name)));
      // Replicas after the first of each: its migrations are done, so they start as a rolling update would.
      await Promise.all(
        (options.services ?? SERVICE_NAMES).flatMap((name) =>
          Array.from({ length: Math.max(0, (options.replicas?.[name] ?? 1) - 1) }, (_, i) =>
            system.startService(`${name}#${i + 2}`),
          ),
        ),
      );
    } catch (error) {
      await system.stop();
      throw error;
    }
    return system;
  }

  /** Every instance of `name` that was started (running or not), first one first. */
  instances(name: ServiceName): ServiceInstance[] {
    return [...this.ports.keys()].filter((instance) => serviceOf(instance) === name);
  }

  url(name: ServiceInstance): string {
    const port = this.ports.get(name);
    if (!port) throw new Error(`${name} was never started`);
    return `http://127.0.0.1:${port}`;
  }

  get gatewayUrl(): string {
    return this.url('gateway');
  }

  /** Starts (or restarts) a service and waits until its /health is up. */
  async startService(name: ServiceInstance): Promise<void> {
    // A port taken between choosing it and the service binding it: start again on another.
    for (let attempt = 1; ; attempt++) {
      const started = await this.spawnService(name, this.ports.get(name) ?? (await freePort()));
      if (started === 'started') return;
      this.ports.delete(name);
      if (attempt >= 3) throw new Error(`${name} found its port in use three times:\n${this.logTail(name)}`);
    }
  }

  private async spawnService(name: ServiceInstance, port: number): Promise<'started' | 'port in use'> {
    this.ports.set(name, port);
    const service = serviceOf(name);
    const log = createWriteStream(join(this.logDir, `${name}.log`), { flags: 'a' });
    const child = spawn(process.execPath, ['--enable-source-maps', join(root, `dist/apps/${service}/src/main.js`)], {
      cwd: root,
      env: {
        PATH: process.env.PATH,
        HOME: process.env.HOME,
        DATABASE_URL: this.db.url,
        NATS_URL: this.nats.url,
        ...this.nats.env(service),
        PORT: String(port),
        LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'info',
        ADMIN_API_KEY: this.adminKey,
        EVENT_ACK_WAIT_MS: '3000',
        ...this.options.env,
        ...this.serviceEnv(service),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout!.pipe(log, { end: false });
    child.stderr!.pipe(log, { end: false });
    // 'close' comes after both pipes are drained: a restarted service opens a new stream, so end this one.
    child.once('close', () => log.end());
    this.running.set(name, { child, port, log });
    // A loaded machine (a soak beside other work) may need longer: TEST_HEALTH_TIMEOUT_MS.
    return this.waitHealthy(name, child, Number(process.env.TEST_HEALTH_TIMEOUT_MS ?? 90_000));
  }

  private serviceEnv(name: ServiceName): Record<string, string> | undefined {
    const { serviceEnv } = this.options;
    const all = typeof serviceEnv === 'function' ? serviceEnv({ db: this.db, nats: this.nats }) : serviceEnv;
    return all?.[name];
  }

  /** Waits for this child's own /health (by pid: another process may answer on a port it failed to bind). */
  private async waitHealthy(
    name: ServiceInstance,
    child: ChildProcess,
    timeoutMs: number,
  ): Promise<'started' | 'port in use'> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (child.exitCode !== null) {
        await new Promise((r) => setTimeout(r, 100)); // let the log catch up
        if (this.logTail(name, 10).includes('EADDRINUSE')) return 'port in use';
        throw new Error(`${name} exited with ${child.exitCode}:\n${this.logTail(name)}`);
      }
      try {
        const response = await fetch(`${this.url(name)}/health`);
        const body = (await response.json().catch(() => undefined)) as { info?: { process?: { pid?: number } } };
        if (response.ok && body?.info?.process?.pid === child.pid) return 'started';
      } catch {
        // not listening yet
      }
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`${name} did not become healthy within ${timeoutMs} ms:\n${this.logTail(name)}`);
  }

  /** Kills a service process (SIGKILL by default: no shutdown hooks run). */
  async kill(name: ServiceInstance, signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
    const running = this.running.get(name);
    if (!running) return;
    await stopChild(running.child, signal);
    this.running.delete(name);
  }

  /** The process of a running service: to signal it (SIGSTOP, SIGTERM) or see how it exited. */
  process(name: ServiceInstance): ChildProcess {
    const running = this.running.get(name);
    if (!running) throw new Error(`${name} is not running`);
    return running.child;
  }

  logTail(name: ServiceInstance, lines = 40): string {
    const file = join(this.logDir, `${name}.log`);
    if (!existsSync(file)) return '(no log)';
    return readFileSync(file, 'utf8').split('\n').slice(-lines).join('\n');
  }

  async stop(): Promise<void> {
    await Promise.all([...this.running.keys()].map((name) => this.kill(name, 'SIGTERM')));
    await this.nats.stop();
    await this.db.drop();
  }
}
