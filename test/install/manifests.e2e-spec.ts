import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse, parseAllDocuments } from 'yaml';
import { Deployment } from 'kubernetes-models/apps/v1';
import { HorizontalPodAutoscaler } from 'kubernetes-models/autoscaling/v2';
import { Ingress, NetworkPolicy } from 'kubernetes-models/networking.k8s.io/v1';
import { PodDisruptionBudget } from 'kubernetes-models/policy/v1';
import { Namespace, Secret, Service } from 'kubernetes-models/v1';
import type { IContainer } from 'kubernetes-models/v1/Container';
import type { INetworkPolicyPeer } from 'kubernetes-models/networking.k8s.io/v1/NetworkPolicyPeer';
import type { INetworkPolicyPort } from 'kubernetes-models/networking.k8s.io/v1/NetworkPolicyPort';
import type { ILabelSelector } from '@kubernetes-models/apimachinery/apis/meta/v1/LabelSelector';

/**
 * deploy/kubernetes as an operator would check it before `kubectl apply -k`: every object of
 * kustomization.yaml's resources is schema-valid (kubernetes-models, the API's own OpenAPI
 * schemas), and the objects fit together: probes on the health routes, a stop that drains inside
 * the grace period, a PDB, an HPA, a Service and network rules for every Deployment, Secret keys
 * that exist, the NATS Helm values carrying the users of deploy/nats/nats.conf.
 */
const root = join(import.meta.dirname, '../..');
const dir = join(root, 'deploy/kubernetes');
const read = (file: string) => readFileSync(join(root, file), 'utf8');
const NAMESPACE = 'o2c';
const APPS = ['gateway', 'orders', 'inventory', 'warehouse', 'billing', 'pricing'];

interface Manifest {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; labels?: Record<string, string> };
  spec?: Record<string, unknown>;
  stringData?: Record<string, string>;
}

function documents(text: string, file: string): Manifest[] {
  return parseAllDocuments(text).flatMap((doc) => {
    if (doc.errors.length) throw new Error(`${file}: ${doc.errors.map((e) => e.message).join('; ')}`);
    const value = doc.toJS() as Manifest | null;
    return value ? [value] : [];
  });
}

const kustomization = parse(read('deploy/kubernetes/kustomization.yaml')) as {
  namespace: string;
  resources: string[];
  images: Array<{ name: string; newName?: string; newTag?: string }>;
};
const objects = kustomization.resources.flatMap((file) =>
  documents(readFileSync(join(dir, file), 'utf8'), file).map((object) => ({ file, object })),
);
const all = objects.map((o) => o.object);
const ofKind = (kind: string) => all.filter((o) => o.kind === kind);

// Core objects are checked against the Kubernetes schemas; the two CRDs structurally below.
const models = {
  'v1/Namespace': (o: Manifest) => new Namespace(o as never),
  'v1/Service': (o: Manifest) => new Service(o as never),
  'v1/Secret': (o: Manifest) => new Secret(o as never),
  'apps/v1/Deployment': (o: Manifest) => new Deployment(o as never),
  'autoscaling/v2/HorizontalPodAutoscaler': (o: Manifest) => new HorizontalPodAutoscaler(o as never),
  'policy/v1/PodDisruptionBudget': (o: Manifest) => new PodDisruptionBudget(o as never),
  'networking.k8s.io/v1/NetworkPolicy': (o: Manifest) => new NetworkPolicy(o as never),
  'networking.k8s.io/v1/Ingress': (o: Manifest) => new Ingress(o as never),
} as const;
const CRDS = ['monitoring.coreos.com/v1/ServiceMonitor', 'postgresql.cnpg.io/v1/Cluster'];
const typeOf = (o: Manifest) => `${o.apiVersion}/${o.kind}`;

const deployments = ofKind('Deployment').map((o) => new Deployment(o as never));
const services = ofKind('Service').map((o) => new Service(o as never));
const pdbs = ofKind('PodDisruptionBudget').map((o) => new PodDisruptionBudget(o as never));
const hpas = ofKind('HorizontalPodAutoscaler').map((o) => new HorizontalPodAutoscaler(o as never));
const policies = ofKind('NetworkPolicy').map((o) => new NetworkPolicy(o as never));

function matches(selector: ILabelSelector | undefined, labels: Record<string, string>): boolean {
  if (!selector) return false;
  const byLabels = Object.entries(selector.matchLabels ?? {}).every(([k, v]) => labels[k] === v);
  const byExpressions = (selector.matchExpressions ?? []).every((e) => {
    const has = e.key in labels;
    switch (e.operator) {
      case 'In':
        return has && (e.values ?? []).includes(labels[e.key]);
      case 'NotIn':
        return !has || !(e.values ?? []).includes(labels[e.key]);
      case 'Exists':
        return has;
      case 'DoesNotExist':
        return !has;
      default:
        throw new Error(`unknown selector operator ${e.operator}`);
    }
  });
  return byLabels && byExpressions;
}

const podLabels = (d: Deployment) => d.spec!.template.metadata!.labels!;
const container = (d: Deployment): IContainer => d.spec!.template.spec!.containers[0];
const env = (c: IContainer, name: string) => c.env?.find((e) => e.name === name);

// --- network policy evaluation (the semantics of networking.k8s.io/v1) ---
interface Endpoint {
  namespace: string;
  labels: Record<string, string>;
  /** Named container ports of the pod, to resolve a policy's `port: http`. */
  ports?: Record<string, number>;
}
const nsLabels = (ns: string) => ({ 'kubernetes.io/metadata.name': ns });

function peerMatches(peer: INetworkPolicyPeer, policyNamespace: string, other: Endpoint): boolean {
  if (peer.ipBlock) return false; // only pod-to-pod traffic is checked here
  if (peer.namespaceSelector) {
    if (!matches(peer.namespaceSelector, nsLabels(other.namespace))) return false;
  } else if (other.namespace !== policyNamespace) return false;
  return peer.podSelector ? matches(peer.podSelector, other.labels) : true;
}

function portMatches(ports: INetworkPolicyPort[] | undefined, target: Endpoint, port: number, protocol: string) {
  if (!ports || ports.length === 0) return true;
  return ports.some((p) => {
    if ((p.protocol ?? 'TCP') !== protocol) return false;
    if (p.port === undefined) return true;
    const number = typeof p.port === 'number' ? p.port : target.ports?.[p.port];
    return number !== undefined && (p.endPort ? port >= number && port <= p.endPort : port === number);
  });
}

/** Whether `from` may open `port`/`protocol` on `to` under every policy of both namespaces here. */
function allowed(from: Endpoint, to: Endpoint, port: number, protocol = 'TCP'): boolean {
  const isolating = (ep: Endpoint, type: 'Ingress' | 'Egress') =>
    policies.filter(
      (p) =>
        (p.metadata!.namespace ?? NAMESPACE) === ep.namespace &&
        matches(p.spec!.podSelector, ep.labels) &&
        (p.spec!.policyTypes ?? ['Ingress']).includes(type),
    );
  // Outside o2c there are no policies of ours: traffic is not isolated there.
  const egress = isolating(from, 'Egress');
  const egressOk =
    from.namespace !== NAMESPACE ||
    egress.some((p) =>
      (p.spec!.egress ?? []).some(
        (rule) =>
          (!rule.to || rule.to.some((peer) => peerMatches(peer, p.metadata!.namespace!, to))) &&
          portMatches(rule.ports, to, port, protocol),
      ),
    );
  const ingress = isolating(to, 'Ingress');
  const ingressOk =
    to.namespace !== NAMESPACE ||
    ingress.some((p) =>
      (p.spec!.ingress ?? []).some(
        (rule) =>
          (!rule.from || rule.from.some((peer) => peerMatches(peer, p.metadata!.namespace!, from))) &&
          portMatches(rule.ports, to, port, protocol),
      ),
    );
  return egressOk && ingressOk;
}

const appEndpoint = (d: Deployment): Endpoint => ({
  namespace: NAMESPACE,
  labels: podLabels(d),
  ports: Object.fromEntries((container(d).ports ?? []).map((p) => [p.name!, p.containerPort])),
});
const DNS: Endpoint = { namespace: 'kube-system', labels: { 'k8s-app': 'kube-dns' } };
// The NATS chart's pod labels for a release named nats in the namespace nats (deploy/nats/values.yaml).
const NATS: Endpoint = {
  namespace: 'nats',
  labels: {
    'app.kubernetes.io/name': 'nats',
    'app.kubernetes.io/instance': 'nats',
    'app.kubernetes.io/component': 'nats',
  },
};
// A CloudNativePG instance pod of the o2c-db Cluster (postgres.yaml).
const POSTGRES: Endpoint = {
  namespace: NAMESPACE,
  labels: { 'cnpg.io/cluster': 'o2c-db', 'cnpg.io/instanceRole': 'primary', role: 'primary' },
};
const INGRESS_NGINX: Endpoint = { namespace: 'ingress-nginx', labels: { 'app.kubernetes.io/name': 'ingress-nginx' } };
const PROMETHEUS: Endpoint = { namespace: 'monitoring', labels: { 'app.kubernetes.io/name': 'prometheus' } };
const STRANGER: Endpoint = { namespace: 'default', labels: { app: 'anything' } };

// --- deploy/nats/nats.conf (generated by `npm run nats:config`) ---
interface NatsUser {
  user: string;
  password: string;
  publish: string[];
  subscribe: string[];
  allowResponses: boolean;
}

/** The users of nats.conf's authorization block, in the layout natsServerConfig() writes. */
function natsConfUsers(text: string): NatsUser[] {
  const block = text.slice(text.indexOf('authorization: {'));
  return block
    .split(/\n {4}\{\n/)
    .slice(1)
    .map((user) => {
      const list = (kind: string) => {
        const m = new RegExp(`${kind}: \\{ allow: \\[\\n([\\s\\S]*?)\\n\\s*\\] \\}`).exec(user);
        return m ? m[1].split('\n').map((line) => JSON.parse(line.trim()) as string) : [];
      };
      return {
        user: /user: "([^"]+)"/.exec(user)![1],
        password: /password: (\S+)/.exec(user)![1],
        publish: list('publish'),
        subscribe: list('subscribe'),
        allowResponses: /allow_responses: true/.test(user),
      };
    });
}
const natsConf = read('deploy/nats/nats.conf');
const confUsers = natsConfUsers(natsConf);

interface NatsValues {
  config: {
    cluster: { enabled: boolean; replicas: number };
    jetstream: {
      enabled: boolean;
      fileStore: { enabled: boolean; dir?: string; pvc: { enabled: boolean; size: string } };
    };
    merge: {
      authorization: {
        users: Array<{
          user: string;
          password: string;
          permissions: { publish: { allow: string[] }; subscribe: { allow: string[] }; allow_responses?: boolean };
        }>;
      };
    } & Record<string, unknown>;
  };
  container: { env: Record<string, string | { valueFrom: { secretKeyRef: { name: string; key: string } } }> };
}
const natsValues = parse(read('deploy/nats/values.yaml')) as NatsValues;

const secretExample = documents(read('deploy/kubernetes/secret.example.yaml'), 'secret.example.yaml')[0];
// The keys CloudNativePG writes into the `<cluster>-app` Secret.
const CNPG_APP_SECRET_KEYS = ['username', 'password', 'host', 'port', 'dbname', 'uri', 'jdbc-uri', 'pgpass'];

function which(command: string): boolean {
  return spawnSync(command, ['--help'], { stdio: 'ignore' }).error === undefined;
}
const hasKubectl = which('kubectl');
const hasNatsServer = which('nats-server');

describe('deploy/kubernetes', () => {
  it('lists only files, every one parses, and every object is a known kind', () => {
    expect(kustomization.namespace).toBe(NAMESPACE);
    expect(kustomization.resources).toEqual(expect.arrayContaining(['ingress.yaml', 'postgres.yaml']));
    const unknown = all.filter((o) => !(typeOf(o) in models) && !CRDS.includes(typeOf(o))).map(typeOf);
    expect(unknown).toEqual([]);
    expect(deployments.map((d) => d.metadata!.name).sort()).toEqual([...APPS].sort());
  });

  it('is valid against the Kubernetes API schemas (kubernetes-models), the Secret template too', () => {
    const invalid: string[] = [];
    for (const { file, object } of [...objects, { file: 'secret.example.yaml', object: secretExample }]) {
      const model = models[typeOf(object) as keyof typeof models];
      if (!model) continue;
      try {
        model(object).validate();
      } catch (error) {
        invalid.push(`${file} ${object.kind}/${object.metadata.name}: ${(error as Error).message}`);
      }
    }
    expect(invalid).toEqual([]);
  });

  it('puts every object in the namespace o2c and every container on the kustomize image name', () => {
    const elsewhere = all
      .filter((o) => o.kind !== 'Namespace' && o.metadata.namespace !== NAMESPACE)
      .map((o) => `${o.kind}/${o.metadata.name}`);
    expect(elsewhere).toEqual([]);
    const image = kustomization.images.find((i) => i.name === 'o2c');
    expect(image?.newName).toBeTruthy();
    expect(image?.newTag).toBeTruthy();
    for (const d of deployments) {
      for (const c of [...d.spec!.template.spec!.containers, ...(d.spec!.template.spec!.initContainers ?? [])]) {
        expect(`${d.metadata!.name}: ${c.image}`).toBe(`${d.metadata!.name}: o2c`);
      }
    }
  });

  describe.each(APPS)('the Deployment %s', (app) => {
    const d = deployments.find((x) => x.metadata!.name === app)!;
    const c = container(d);
    const labels = podLabels(d);

    it('probes liveness on /health/live and readiness and start-up on /health/ready, on a port of its container', () => {
      expect(c.livenessProbe?.httpGet?.path).toBe('/health/live');
      expect(c.readinessProbe?.httpGet?.path).toBe('/health/ready');
      expect(c.startupProbe?.httpGet?.path).toBe('/health/ready');
      const ports = c.ports ?? [];
      for (const probe of [c.livenessProbe, c.readinessProbe, c.startupProbe]) {
        const port = probe!.httpGet!.port;
        expect(ports.some((p) => p.name === port || p.containerPort === port)).toBe(true);
      }
      // The app listens where the container port says.
      expect(Number(env(c, 'PORT')?.value)).toBe(ports.find((p) => p.name === 'http')?.containerPort);
    });

    it('stops gracefully: preStop sleep + SHUTDOWN_TIMEOUT_MS fit inside terminationGracePeriodSeconds', () => {
      const command = c.lifecycle?.preStop?.exec?.command ?? [];
      expect(command[0]).toBe('sleep');
      const sleep = Number(command[1]);
      expect(sleep).toBeGreaterThanOrEqual(3);
      const drain = Number(env(c, 'SHUTDOWN_TIMEOUT_MS')?.value) / 1000;
      expect(drain).toBeGreaterThan(0);
      expect(d.spec!.template.spec!.terminationGracePeriodSeconds).toBeGreaterThan(sleep + drain);
    });

    it('spreads over nodes and zones', () => {
      const spread = d.spec!.template.spec!.topologySpreadConstraints ?? [];
      const by = (key: string) => spread.find((s) => s.topologyKey === key);
      expect(by('topology.kubernetes.io/zone')).toMatchObject({ maxSkew: 1, whenUnsatisfiable: 'ScheduleAnyway' });
      expect(by('kubernetes.io/hostname')?.maxSkew).toBe(1);
      for (const s of spread) expect(matches(s.labelSelector, labels)).toBe(true);
    });

    it('has a Service selecting its pods on the named port http', () => {
      const svc = services.filter((s) => s.spec!.selector && matches({ matchLabels: s.spec!.selector }, labels));
      expect(svc.map((s) => s.metadata!.name)).toEqual([app]);
      const port = svc[0].spec!.ports!.find((p) => p.name === 'http');
      expect(port?.targetPort).toBe('http');
      expect(c.ports?.some((p) => p.name === 'http')).toBe(true);
    });

    it('has a PodDisruptionBudget that lets one pod go', () => {
      const pdb = pdbs.filter((p) => matches(p.spec!.selector, labels));
      expect(pdb).toHaveLength(1);
      const { minAvailable, maxUnavailable } = pdb[0].spec!;
      expect(minAvailable === 1 || maxUnavailable === 1).toBe(true);
    });

    it('is scaled by an HPA (2 to 10, CPU 70 %, the consumer lag when it consumes events) and names no replicas itself', () => {
      expect(d.spec!.replicas).toBeUndefined();
      const hpa = hpas.filter(
        (h) => h.spec!.scaleTargetRef.kind === 'Deployment' && h.spec!.scaleTargetRef.name === app,
      );
      expect(hpa).toHaveLength(1);
      const spec = hpa[0].spec!;
      expect(spec.scaleTargetRef.apiVersion).toBe('apps/v1');
      expect(spec.minReplicas).toBe(2);
      expect(spec.maxReplicas).toBe(10);
      const cpu = spec.metrics?.find((m) => m.type === 'Resource' && m.resource?.name === 'cpu');
      expect(cpu?.resource?.target).toEqual({ type: 'Utilization', averageUtilization: 70 });
      // It consumes events when its NATS user may create a durable consumer (nats.conf).
      const user = confUsers.find((u) => u.user === app)!;
      const consumes = user.publish.some((s) => s.startsWith('$JS.API.CONSUMER.DURABLE.CREATE.'));
      const lag = spec.metrics?.find(
        (m) => m.type === 'Pods' && m.pods?.metric.name === 'o2c_consumer_pending_messages',
      );
      if (consumes) expect(lag?.pods?.target).toMatchObject({ type: 'AverageValue' });
      else expect(lag).toBeUndefined();
    });

    it('reaches DNS, NATS and Postgres and nothing else, and is reached only from where it must be', () => {
      const self = appEndpoint(d);
      expect(allowed(self, DNS, 53, 'UDP')).toBe(true);
      expect(allowed(self, DNS, 53, 'TCP')).toBe(true);
      expect(allowed(self, NATS, 4222)).toBe(true);
      expect(allowed(self, POSTGRES, 5432)).toBe(true);
      expect(allowed(self, STRANGER, 443)).toBe(false);
      expect(allowed(self, NATS, 8222)).toBe(false);
      const http = self.ports!.http;
      expect(allowed(PROMETHEUS, self, http)).toBe(true);
      expect(allowed(STRANGER, self, http)).toBe(false);
      const publicPort = { gateway: 3000, warehouse: 3003 }[app];
      expect(allowed(INGRESS_NGINX, self, http)).toBe(publicPort === http);
      // No app calls another over HTTP: they talk over NATS.
      for (const other of deployments.filter((x) => x !== d)) {
        const to = appEndpoint(other);
        expect(`${app} -> ${other.metadata!.name}: ${allowed(self, to, to.ports!.http)}`).toBe(
          `${app} -> ${other.metadata!.name}: false`,
        );
      }
    });

    it('reads every Secret key from o2c-env (secret.example.yaml) or the CloudNativePG app Secret', () => {
      const refs = (c.env ?? []).flatMap((e) => (e.valueFrom?.secretKeyRef ? [e.valueFrom.secretKeyRef] : []));
      const missing = refs.filter((ref) =>
        ref.name === 'o2c-env'
          ? !(ref.key in secretExample.stringData!)
          : ref.name !== 'o2c-db-app' || !CNPG_APP_SECRET_KEYS.includes(ref.key),
      );
      expect(missing).toEqual([]);
      expect(env(c, 'DATABASE_URL')?.valueFrom?.secretKeyRef).toEqual({ name: 'o2c-db-app', key: 'uri' });
      expect(env(c, 'NATS_USER')?.value).toBe(app);
      expect(env(c, 'NATS_PASSWORD')?.valueFrom?.secretKeyRef).toEqual({
        name: 'o2c-env',
        key: `${app.toUpperCase()}_NATS_PASSWORD`,
      });
      expect(confUsers.some((u) => u.user === app)).toBe(true);
      // Streams with as many copies as the NATS cluster has servers, at most.
      const replicas = Number(env(c, 'JETSTREAM_REPLICAS')?.value);
      expect(replicas).toBe(3);
      expect(replicas).toBeLessThanOrEqual(natsValues.config.cluster.replicas);
    });
  });

  it('lets the apps, the other instances and the operator reach the o2c-db pods, and those the Kubernetes API', () => {
    const peer: Endpoint = {
      namespace: NAMESPACE,
      labels: { 'cnpg.io/cluster': 'o2c-db', 'cnpg.io/instanceRole': 'replica' },
    };
    const operator: Endpoint = { namespace: 'cnpg-system', labels: { 'app.kubernetes.io/name': 'cloudnative-pg' } };
    expect(allowed(peer, POSTGRES, 5432)).toBe(true);
    expect(allowed(operator, POSTGRES, 8000)).toBe(true);
    expect(allowed(STRANGER, POSTGRES, 5432)).toBe(false);
    expect(allowed(POSTGRES, DNS, 53, 'UDP')).toBe(true);
    const db = policies.find((p) => matches(p.spec!.podSelector, POSTGRES.labels) && p.spec!.podSelector.matchLabels);
    const api = (db?.spec!.egress ?? []).find((r) => r.to?.some((t) => t.ipBlock));
    expect(api?.ports?.map((p) => p.port)).toEqual(expect.arrayContaining([443, 6443]));
    // The default deny covers every pod of the namespace, both ways.
    expect(
      policies.some(
        (p) =>
          Object.keys(p.spec!.podSelector).length === 0 &&
          (['Ingress', 'Egress'] as const).every((t) => p.spec!.policyTypes?.includes(t)) &&
          !p.spec!.ingress &&
          !p.spec!.egress,
      ),
    ).toBe(true);
  });

  it('routes the Ingress to Services and named ports that exist', () => {
    const ingress = new Ingress(ofKind('Ingress')[0] as never);
    for (const rule of ingress.spec!.rules ?? []) {
      for (const path of rule.http!.paths) {
        const svc = services.find((s) => s.metadata!.name === path.backend.service!.name);
        expect(svc?.spec!.ports!.some((p) => p.name === path.backend.service!.port!.name)).toBe(true);
      }
    }
  });

  it('has a ServiceMonitor scraping /metrics on the http port of every app Service (checked by hand: a CRD)', () => {
    const monitors = ofKind('ServiceMonitor');
    expect(monitors).toHaveLength(1);
    const m = monitors[0];
    expect(m.apiVersion).toBe('monitoring.coreos.com/v1');
    const spec = m.spec as {
      selector: ILabelSelector;
      namespaceSelector?: { matchNames?: string[] };
      endpoints: Array<{ port?: string; path?: string; interval?: string }>;
    };
    expect(spec.namespaceSelector?.matchNames).toEqual([NAMESPACE]);
    expect(spec.endpoints).toEqual([expect.objectContaining({ port: 'http', path: '/metrics', interval: '30s' })]);
    for (const interval of spec.endpoints.map((e) => e.interval)) expect(interval).toMatch(/^\d+(ms|s|m|h)$/);
    const scraped = services.filter((s) => matches(spec.selector, s.metadata!.labels ?? {}));
    expect(scraped.map((s) => s.metadata!.name).sort()).toEqual([...APPS].sort());
    for (const s of scraped) expect(s.spec!.ports!.some((p) => p.name === 'http')).toBe(true);
  });

  it('has a CloudNativePG Cluster o2c-db: 3 instances, 20Gi, database o2c owned by o2c (checked by hand: a CRD)', () => {
    const clusters = ofKind('Cluster');
    expect(clusters).toHaveLength(1);
    const cluster = clusters[0];
    expect(cluster.apiVersion).toBe('postgresql.cnpg.io/v1');
    expect(cluster.metadata.name).toBe('o2c-db');
    const spec = cluster.spec as {
      instances: number;
      storage: { size: string };
      bootstrap: { initdb: { database: string; owner: string } };
      postgresql?: { parameters?: Record<string, unknown> };
    };
    expect(spec.instances).toBe(3);
    expect(spec.storage.size).toBe('20Gi');
    expect(spec.bootstrap.initdb).toMatchObject({ database: 'o2c', owner: 'o2c' });
    // The operator's schema wants every parameter as a string.
    for (const value of Object.values(spec.postgresql?.parameters ?? {})) expect(typeof value).toBe('string');
    // Only fields of the CNPG ClusterSpec this file uses; a typo would be pruned by the API server.
    const known = ['instances', 'storage', 'bootstrap', 'postgresql', 'affinity', 'backup', 'monitoring', 'resources'];
    expect(Object.keys(spec).filter((k) => !known.includes(k))).toEqual([]);
  });

  (hasKubectl ? it : it.skip)(
    `builds with kubectl kustomize${hasKubectl ? '' : ' (SKIPPED: kubectl is not on PATH)'}`,
    () => {
      const run = spawnSync('kubectl', ['kustomize', dir], { encoding: 'utf8' });
      expect(run.stderr).toBe('');
      expect(run.status).toBe(0);
      const built = documents(run.stdout, 'kubectl kustomize');
      const names = (list: Manifest[]) => list.map((o) => `${o.kind}/${o.metadata.name}`).sort();
      expect(names(built)).toEqual(names(all));
      const image = kustomization.images.find((i) => i.name === 'o2c')!;
      for (const d of built.filter((o) => o.kind === 'Deployment').map((o) => new Deployment(o as never))) {
        expect(container(d).image).toBe(`${image.newName}:${image.newTag}`);
      }
    },
  );
});

describe('deploy/nats/values.yaml (the NATS Helm chart 1.x)', () => {
  it('runs three clustered servers with JetStream on 10Gi volumes', () => {
    expect(natsValues.config.cluster).toMatchObject({ enabled: true, replicas: 3 });
    expect(natsValues.config.jetstream.enabled).toBe(true);
    expect(natsValues.config.jetstream.fileStore).toMatchObject({
      enabled: true,
      pvc: { enabled: true, size: '10Gi' },
    });
  });

  it('carries the users of deploy/nats/nats.conf with the same permissions', () => {
    const users = natsValues.config.merge.authorization.users.map((u): NatsUser => ({
      user: u.user,
      password: u.password,
      publish: u.permissions.publish.allow,
      subscribe: u.permissions.subscribe.allow,
      allowResponses: u.permissions.allow_responses === true,
    }));
    expect(confUsers.map((u) => u.user)).toEqual(expect.arrayContaining([...APPS, 'ops', 'finance']));
    expect(users).toEqual(confUsers.map((u) => ({ ...u, password: `<< ${u.password} >>` })));
  });

  it('gives nats-server every password variable from a Secret', () => {
    for (const u of confUsers) {
      const variable = u.password.replace(/^\$/, '');
      expect(variable).toBe(`${u.user.toUpperCase()}_NATS_PASSWORD`);
      expect(natsValues.container.env[variable]).toEqual({
        valueFrom: { secretKeyRef: { name: 'o2c-nats-passwords', key: variable } },
      });
      // The apps' Secret has the same key.
      expect(secretExample.stringData).toHaveProperty(variable);
    }
  });

  (hasNatsServer ? it : it.skip)(
    `makes a configuration nats-server accepts${hasNatsServer ? '' : ' (SKIPPED: nats-server is not on PATH)'}`,
    () => {
      // What the chart writes: its own settings, then config.merge, as JSON with `<< x >>` unquoted.
      const tmp = mkdtempSync(join(tmpdir(), 'o2c-nats-values-'));
      try {
        const config = {
          port: 4222,
          http_port: 8222,
          jetstream: { store_dir: join(tmp, 'js'), max_file_store: '<< 10Gi >>' },
          ...natsValues.config.merge,
        };
        const text = JSON.stringify(config, null, 2).replace(/"<<\s+(.*?)\s+>>"/g, '$1');
        writeFileSync(join(tmp, 'nats.conf'), text);
        const passwords = Object.fromEntries(confUsers.map((u) => [u.password.slice(1), 'secret']));
        const run = spawnSync('nats-server', ['-t', '-c', join(tmp, 'nats.conf')], {
          encoding: 'utf8',
          env: { ...process.env, ...passwords },
        });
        expect(`${run.stdout}${run.stderr}`).toContain('is valid');
        expect(run.status).toBe(0);
      } finally {
        rmSync(tmp, { recursive: true, force: true });
      }
    },
  );
});
