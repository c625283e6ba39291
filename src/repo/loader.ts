import type { GitRepo } from '../git/index.js';
import type { Device } from '../model/device.js';
import type { ImageCatalog } from '../model/image.js';
import type { ChangePolicy, DetectionPolicy, Identities } from '../model/policy.js';
import type { Problem } from '../model/problem.js';
import type { RepoModel } from '../model/repo.js';
import type { SourceMap } from '../model/source.js';
import { validateAgainstSchema, type SchemaId } from '../schemas/index.js';
import { dirTree } from './dir-tree.js';
import type { TreeReader } from './tree.js';
import { parseYamlFile } from './yaml.js';

export interface LoadResult {
  /** Null only when a policy file cannot be loaded; devices with fatal problems are left out and reported. */
  model: RepoModel | null;
  /** Input problems (kind `input`): reading, parsing, schema. Semantic rules run separately. */
  problems: Problem[];
}

export const DEVICES_DIR = 'devices';
export const POLICY_FILES = {
  images: 'policies/images.yaml',
  change: 'policies/change.yaml',
  identities: 'policies/identities.yaml',
  detection: 'policies/detection.yaml',
} as const;

const YAML_FILE = /\.ya?ml$/;

export function isDeviceFile(path: string): boolean {
  return path.startsWith(`${DEVICES_DIR}/`) && YAML_FILE.test(path);
}

interface Loaded {
  value: Record<string, unknown>;
  source: SourceMap;
}

function load(path: string, bytes: Buffer | undefined, schema: SchemaId, problems: Problem[]): Loaded | null {
  if (bytes === undefined) {
    problems.push({
      rule: 'file-missing',
      severity: 'error',
      file: path,
      line: 1,
      message: 'file is missing',
      hint: 'every repository needs policies/images.yaml, change.yaml, identities.yaml and detection.yaml; copy them from the example',
      kind: 'input',
    });
    return null;
  }
  const parsed = parseYamlFile(path, bytes);
  if (!parsed.ok) {
    problems.push(...parsed.problems);
    return null;
  }
  const schemaProblems = validateAgainstSchema(schema, parsed.value, parsed.source);
  if (schemaProblems.length > 0) {
    problems.push(...schemaProblems);
    return null;
  }
  return { value: parsed.value as Record<string, unknown>, source: parsed.source };
}

function typed<T extends { source: SourceMap }>(loaded: Loaded): T {
  // the schema has checked the shape; the model types mirror the schemas (a test keeps them in step)
  return { ...loaded.value, source: loaded.source } as unknown as T;
}

/** Loads `devices/**` and `policies/*.yaml` of a tree, reporting every input problem at once. */
export async function loadRepo(tree: TreeReader): Promise<LoadResult> {
  const devicePaths = (await tree.list(DEVICES_DIR)).filter(isDeviceFile).sort();
  const policyPaths = Object.values(POLICY_FILES);
  const contents = await tree.readMany([...policyPaths, ...devicePaths]);
  const problems: Problem[] = [];

  const images = load(POLICY_FILES.images, contents.get(POLICY_FILES.images), 'images', problems);
  const change = load(POLICY_FILES.change, contents.get(POLICY_FILES.change), 'change', problems);
  const identities = load(POLICY_FILES.identities, contents.get(POLICY_FILES.identities), 'identities', problems);
  const detection = load(POLICY_FILES.detection, contents.get(POLICY_FILES.detection), 'detection', problems);

  const devices: Device[] = [];
  for (const path of devicePaths) {
    const loaded = load(path, contents.get(path), 'device', problems);
    if (loaded) devices.push(typed<Device>(loaded));
  }

  if (!images || !change || !identities || !detection) return { model: null, problems };
  return {
    model: {
      devices,
      catalog: typed<ImageCatalog>(images),
      policies: {
        change: typed<ChangePolicy>(change),
        identities: typed<Identities>(identities),
        detection: typed<DetectionPolicy>(detection),
      },
    },
    problems,
  };
}

/** The working directory `dir` (repository root). */
export function loadWorkingTree(dir: string): Promise<LoadResult> {
  return loadRepo(dirTree(dir));
}

/** The tree of `ref` (a commit, branch or tag) in `repo`. */
export async function loadGitRef(repo: GitRepo, ref: string): Promise<LoadResult> {
  return loadRepo(await repo.tree(ref));
}
