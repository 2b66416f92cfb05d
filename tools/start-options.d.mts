// Types of tools/start-options.mjs for the TypeScript that imports it (test/install/start-options.e2e-spec.ts).
export type Env = Readonly<Record<string, string | undefined>>;
export type ServiceName = 'gateway' | 'orders' | 'inventory' | 'warehouse' | 'billing' | 'pricing';

export const SERVICES: ReadonlyArray<readonly [ServiceName, number]>;
export const SERVICE_NAMES: readonly ServiceName[];
export const REPLICA_PORT_STEP: number;
export const MAX_REPLICAS: number;
export const NATS_ROUTE_PORT_OFFSET: number;
export const NATS_CLUSTER_SIZES: readonly number[];

export class OptionError extends Error {
  readonly variable: string;
  constructor(variable: string, message: string);
}

export interface Replica {
  name: ServiceName;
  index: number;
  instance: string;
  port: number;
}
export interface ServicePlan {
  name: ServiceName;
  portVariable: string;
  replicas: Replica[];
}
export interface NatsClusterNode {
  name: string;
  host: string;
  port: number;
  routePort: number;
  storeDir: string;
}
export type NatsClusterPlan =
  | null
  | { ignored: string }
  | { size: number; dir: string; name: string; nodes: NatsClusterNode[]; url: string; ignored?: undefined };

export function replicaCounts(env: Env): Record<ServiceName, number>;
export function replicaPorts(base: number, count: number): number[];
export function servicePlan(env: Env): ServicePlan[];
export function describeService(service: ServicePlan): string;
export function describeDatabase(url: string): string;
export function ownDatabaseUrls(env: Env): Partial<Record<ServiceName, { variable: string; url: string }>>;
export function needsSharedDatabase(env: Env): boolean;
export function databaseUrlsByService(env: Env, shared: string): Record<ServiceName, string>;
export function describeDatabases(env: Env, shared: string | undefined, sharedLabel: string): string[];
export function natsClusterPlan(env: Env, dataDir: string): NatsClusterPlan;
export function startOptions(
  env: Env,
  dataDir: string,
): {
  services: ServicePlan[];
  ownDatabases: ReturnType<typeof ownDatabaseUrls>;
  natsCluster: NatsClusterPlan;
};
