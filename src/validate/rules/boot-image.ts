import { refOf } from '../../model/source.js';
import type { ValidateRule } from '../types.js';

/** `flash:file`, `bootflash:/file`, `bootflash:///file`, `flash:/EOS.swi`: a file system, a colon, slashes, the file. */
const BOOT_ENTRY = /^[A-Za-z][A-Za-z0-9-]*:\/*([^/\s]+)$/;

/** IOS-XE install mode boots the package set through packages.conf, which names the image's packages. */
const INSTALL_MODE_FILE = 'packages.conf';

export const bootImage: ValidateRule = {
  id: 'boot-image',
  meta: {
    severity: 'error',
    description:
      "The first boot variable points at the image's file (or packages.conf in IOS-XE install mode); Junos has no boot variable and needs none.",
  },
  check({ model, index, report }) {
    for (const d of model.devices) {
      if (d.platform === 'juniper_junos') {
        if (d.boot) {
          report({
            ...refOf(d.source, '/boot'),
            message: 'Junos has no boot variable; the installed package set is what boots',
            hint: 'remove the boot block',
          });
        }
        continue;
      }
      if (!d.boot) {
        report({
          ...refOf(d.source, ''),
          message: `${d.platform} device has no boot block, so its boot variable cannot be checked`,
          hint: `add boot.system with the image file, e.g. "flash:${index.imagesById.get(d.image)?.file ?? '<file>'}"`,
        });
        continue;
      }
      const image = index.imagesById.get(d.image);
      if (!image) continue;
      const first = d.boot.system[0] ?? '';
      const at = refOf(d.source, '/boot/system/0');
      const m = BOOT_ENTRY.exec(first);
      const file = m?.[1];
      if (!m || file === undefined) {
        report({ ...at, message: `boot entry "${first}" is not <filesystem>:<file>`, hint: `e.g. "flash:${image.file}"` });
      } else if (file === INSTALL_MODE_FILE) {
        if (d.platform !== 'cisco_xe') {
          report({ ...at, message: `packages.conf is IOS-XE install mode; ${d.platform} boots the image file`, hint: `boot "${first.replace(INSTALL_MODE_FILE, image.file)}"` });
        }
      } else if (file !== image.file) {
        report({
          ...at,
          message: `first boot entry "${first}" is not the image file ${image.file} of "${image.id}"`,
          hint: `put "${first.slice(0, first.length - file.length)}${image.file}" first${d.platform === 'cisco_xe' ? ' (or packages.conf in install mode)' : ''}`,
        });
      }
    }
  },
};
