import type { Device } from './device.js';
import type { ImageCatalog } from './image.js';
import type { Policies } from './policy.js';

/** Everything a tree (working directory or git ref) holds, loaded and typed. */
export interface RepoModel {
  devices: Device[];
  catalog: ImageCatalog;
  policies: Policies;
}
