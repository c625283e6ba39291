import type { ReconcileRule } from '../types.js';
import { bootDrift } from './boot-drift.js';
import { clockUntrusted } from './clock-untrusted.js';
import { configRegisterDrift } from './config-register-drift.js';
import { hashMismatch } from './hash-mismatch.js';
import { imageDrift } from './image-drift.js';
import { revokedImage } from './revoked-image.js';
import { riskyCommand } from './risky-command.js';
import { tamperSequence } from './tamper-sequence.js';
import { unauthorizedBootChange } from './unauthorized-boot-change.js';
import { unauthorizedReload } from './unauthorized-reload.js';
import { unauthorizedTransfer } from './unauthorized-transfer.js';
import { unknownDevice } from './unknown-device.js';
import { unreviewedChange } from './unreviewed-change.js';
import { unverified } from './unverified.js';
import { windowOverrun } from './window-overrun.js';

/** Every reconcile rule; a test keeps this list, the files in this folder and docs/reconcile.md in step. */
export const rules: ReconcileRule[] = [
  unverified,
  imageDrift,
  windowOverrun,
  bootDrift,
  configRegisterDrift,
  hashMismatch,
  revokedImage,
  unreviewedChange,
  unauthorizedTransfer,
  unauthorizedBootChange,
  unauthorizedReload,
  tamperSequence,
  riskyCommand,
  unknownDevice,
  clockUntrusted,
];
