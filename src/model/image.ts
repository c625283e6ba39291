import type { PlatformId } from './platform.js';
import type { SourceMap } from './source.js';

export type ImageStatus = 'approved' | 'deprecated' | 'revoked';
export type HashAlgorithm = 'sha512' | 'sha256' | 'md5';

/** One entry of `policies/images.yaml`. */
export interface Image {
  id: string;
  platform: PlatformId;
  /** Hardware models this image is for; absent means any model of the platform. */
  models?: string[];
  /** File name as it sits on the device's file system, without the file system prefix. */
  file: string;
  version: string;
  sha512?: string;
  sha256?: string;
  md5?: string;
  size?: number;
  status: ImageStatus;
  notes?: string;
  advisories?: string[];
}

export interface ImageCatalog {
  images: Image[];
  /** Source map of the catalog file; image i lives under `/images/i`. */
  source: SourceMap;
}
