import type { ValidateRule } from '../types.js';
import { bootImage } from './boot-image.js';
import { changeWindow } from './change-window.js';
import { configRegister } from './config-register.js';
import { detectionPattern } from './detection-pattern.js';
import { devicePath } from './device-path.js';
import { freezeWindow } from './freeze-window.js';
import { imageHashFormat } from './image-hash-format.js';
import { imageHashRequired } from './image-hash-required.js';
import { imageInCatalog } from './image-in-catalog.js';
import { imageStatus } from './image-status.js';
import { knownIdentities } from './known-identities.js';
import { knownSites } from './known-sites.js';
import { knownTeams } from './known-teams.js';
import { redundancyGroup } from './redundancy-group.js';
import { timezone } from './timezone.js';
import { uniqueAliases } from './unique-aliases.js';
import { uniqueDeviceNames } from './unique-device-names.js';
import { uniqueIds } from './unique-ids.js';
import { uniqueManagementAddresses } from './unique-management-addresses.js';

/** Every semantic rule of `imagegate validate`; one file (and one .md) per rule in this folder. */
export const VALIDATE_RULES: readonly ValidateRule[] = [
  imageInCatalog,
  imageStatus,
  imageHashFormat,
  imageHashRequired,
  bootImage,
  configRegister,
  devicePath,
  uniqueDeviceNames,
  uniqueManagementAddresses,
  uniqueAliases,
  uniqueIds,
  redundancyGroup,
  knownSites,
  knownIdentities,
  knownTeams,
  changeWindow,
  freezeWindow,
  timezone,
  detectionPattern,
];
