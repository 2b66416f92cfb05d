// ESLint rule `o2c/boundaries`: the project boundaries of ARCHITECTURE.md, checked on every import.
// - an app never imports another app (apps share only libs/);
// - libs never import apps;
// - libs/contracts pulls in neither TypeORM nor NATS nor platform code (it is shared with every caller);
// - shared code is reached through its "#contracts" / "#platform" / "#testing" entry, not by relative paths.
// The same rules are written as Nx tags in each project.json (type:app, type:contracts, type:platform, type:testing).
import { dirname, relative, resolve, sep } from 'node:path';

const root = resolve(dirname(new URL(import.meta.url).pathname), '../..');
const CONTRACTS_FORBIDDEN = [
  /^typeorm($|\/)/,
  /^@nats-io\//,
  /^@nestjs\/microservices($|\/)/,
  /^@nestjs\/typeorm($|\/)/,
  /^pg$/,
  /^#platform$/,
  /^#testing$/,
];

function projectOf(file) {
  const parts = relative(root, file).split(sep);
  if ((parts[0] === 'apps' || parts[0] === 'libs') && parts.length > 2) return `${parts[0]}/${parts[1]}`;
  return undefined;
}

export const boundaries = {
  meta: { type: 'problem', schema: [], messages: { crossing: '{{reason}}' } },
  create(context) {
    const file = context.filename;
    const from = projectOf(file);
    if (!from) return {};
    const report = (node, reason) => context.report({ node, messageId: 'crossing', data: { reason } });
    const check = (node) => {
      const source = node.source?.value;
      if (typeof source !== 'string') return;
      if (from === 'libs/contracts' && CONTRACTS_FORBIDDEN.some((re) => re.test(source))) {
        return report(
          node.source,
          `libs/contracts must not import ${source}: contracts carry no TypeORM, NATS or platform code`,
        );
      }
      if (!source.startsWith('.')) return;
      const to = projectOf(resolve(dirname(file), source));
      if (!to || to === from) return;
      if (from.startsWith('apps/') && to.startsWith('apps/'))
        return report(node.source, `${from} must not import ${to}: apps share only libs/`);
      if (from.startsWith('libs/') && to.startsWith('apps/'))
        return report(node.source, `${from} must not import ${to}: libs never depend on apps`);
      return report(node.source, `import ${to} through its "#${to.split('/')[1]}" entry, not a relative path`);
    };
    return {
      ImportDeclaration: check,
      ExportAllDeclaration: check,
      ExportNamedDeclaration: check,
      ImportExpression: check,
    };
  },
};
