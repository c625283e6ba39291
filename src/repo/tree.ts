/** A read-only view of a repository tree: the working directory or a git ref. Paths are POSIX, repository-relative. */
export interface TreeReader {
  /** What the tree is, for messages: a directory path or `git:<ref>`. */
  readonly label: string;
  /** All file paths under `prefix` (a folder, no trailing slash; '' for all). */
  list(prefix: string): Promise<string[]>;
  /** Contents of a file, or null when it does not exist in this tree. */
  read(path: string): Promise<Buffer | null>;
  /** Reads many files at once (a git tree reads them in one batch). */
  readMany(paths: string[]): Promise<Map<string, Buffer>>;
}
