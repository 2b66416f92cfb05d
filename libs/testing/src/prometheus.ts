/** One sample of a Prometheus text exposition: `name{label="value",…} value`. */
export interface PromSample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

/** A parsed exposition: its samples, and the TYPE of each family. */
export interface PromExposition {
  samples: PromSample[];
  types: Record<string, string>;
}

const SAMPLE = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})?\s+(\S+)(?:\s+-?\d+)?$/;
const LABEL = /\s*([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"\s*(?:,|$)/y;

function unescape(value: string): string {
  return value.replace(/\\(["\\n])/g, (_, c: string) => (c === 'n' ? '\n' : c));
}

function parseValue(text: string): number {
  if (text === '+Inf') return Infinity;
  if (text === '-Inf') return -Infinity;
  // prom-client writes NaN as `Nan`; Prometheus reads it case-insensitively.
  if (text.toLowerCase() === 'nan') return NaN;
  const value = Number(text);
  if (Number.isNaN(value)) throw new Error(`not a sample value: ${text}`);
  return value;
}

/**
 * Parses the Prometheus text format (version 0.0.4) strictly enough for a test: every line is a
 * comment, blank, or a well-formed sample; anything else throws naming the line.
 */
export function parsePrometheusText(text: string): PromExposition {
  const samples: PromSample[] = [];
  const types: Record<string, string> = {};
  for (const [index, line] of text.split('\n').entries()) {
    if (line.trim() === '') continue;
    if (line.startsWith('#')) {
      const type = /^# TYPE (\S+) (counter|gauge|histogram|summary|untyped)$/.exec(line);
      if (type) types[type[1]] = type[2];
      else if (!/^# (HELP \S+( .*)?|.*)$/.test(line)) throw new Error(`line ${index + 1}: bad comment: ${line}`);
      continue;
    }
    const match = SAMPLE.exec(line);
    if (!match) throw new Error(`line ${index + 1}: not a sample: ${line}`);
    const labels: Record<string, string> = {};
    const body = match[2] ?? '';
    LABEL.lastIndex = 0;
    while (LABEL.lastIndex < body.length) {
      const start = LABEL.lastIndex;
      const label = LABEL.exec(body);
      if (!label) throw new Error(`line ${index + 1}: bad labels at ${start}: ${line}`);
      labels[label[1]] = unescape(label[2]);
    }
    samples.push({ name: match[1], labels, value: parseValue(match[3]) });
  }
  return { samples, types };
}

/** The samples named `name` whose labels include every one of `labels`. */
export function promSamples(
  exposition: PromExposition,
  name: string,
  labels: Record<string, string> = {},
): PromSample[] {
  return exposition.samples.filter(
    (s) => s.name === name && Object.entries(labels).every(([key, value]) => s.labels[key] === value),
  );
}

/** The sum of the samples `promSamples` finds (0 when there are none: a counter not yet counted). */
export function promValue(exposition: PromExposition, name: string, labels: Record<string, string> = {}): number {
  return promSamples(exposition, name, labels).reduce((sum, s) => sum + s.value, 0);
}
