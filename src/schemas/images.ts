import { DRAFT, id, int, list, object, platform, str, type JsonSchema } from './common.js';

/** `policies/images.yaml`. */
export const imagesSchema: JsonSchema = {
  $schema: DRAFT,
  title: 'imagegate image catalog',
  ...object(
    'Every OS image a device may run, with its hashes.',
    {
      images: list(
        'The images.',
        object(
          'One image.',
          {
            id: id('Catalog id that devices refer to in `image`; unique.'),
            platform,
            models: list('Hardware models the image is for; absent means any model of the platform.', str('A model.', { minLength: 1 }), {
              minItems: 1,
              uniqueItems: true,
            }),
            file: str('File name on the device file system, without the file system prefix.', {
              pattern: '^[A-Za-z0-9][A-Za-z0-9._+-]*$',
            }),
            version: str('Version as the device prints it; quote it (`"17.12.04"`).', { minLength: 1 }),
            sha512: str('SHA-512 of the file: 128 hex digits.'),
            sha256: str('SHA-256 of the file: 64 hex digits.'),
            md5: str('MD5 of the file: 32 hex digits (weak; never enough alone).'),
            size: int('Size in bytes.', 1),
            status: str('`approved` may be installed, `deprecated` should be replaced, `revoked` must not run.', {
              enum: ['approved', 'deprecated', 'revoked'],
            }),
            notes: str('Free text.'),
            advisories: list('Vendor advisory ids.', str('An advisory id.', { minLength: 1 })),
          },
          ['id', 'platform', 'file', 'version', 'status'],
        ),
      ),
    },
    ['images'],
  ),
};
