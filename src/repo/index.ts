export { loadRepo, loadWorkingTree, loadGitRef, isDeviceFile, DEVICES_DIR, POLICY_FILES, type LoadResult } from './loader.js';
export { parseYamlFile, MAX_FILE_BYTES, type ParsedYaml } from './yaml.js';
export { dirTree } from './dir-tree.js';
export type { TreeReader } from './tree.js';
export { memoryTree } from './memory-tree.js';
