/**
 * What the registry needs from the outside world, as interfaces: adapters (git, GitHub, a local
 * folder) implement them, so the registry core never touches git or the file system itself.
 */

/** One annotated tag as the registry sees it. */
export interface TagRecord {
  /** The tag name, e.g. `income@v1.2.0`. */
  tag: string;
  /** When the tag object was created (tagger date), ISO 8601 in UTC. */
  createdAt: string;
  /** The full tag message. */
  message: string;
  /** The commit the tag points at (peeled). */
  commit: string;
}

/**
 * One annotated tag as a repository holds it: `object` is the tag object's id, which differs
 * between two tags of one name made apart (another message, date or commit).
 */
export interface TagRef {
  tag: string;
  object: string;
  /** The commit the tag points at (peeled). */
  commit: string;
}

/** Where registry tags live. Lightweight tags are not registry events and are never listed. */
export interface TagStore {
  /** All annotated tags, after fetching the remote's (RegistryConflict when one differs here). */
  list(): Promise<TagRecord[]>;
  /** This repository's annotated tags as they are, nothing fetched: for comparing with the remote. */
  localTags(): Promise<(TagRecord & TagRef)[]>;
  /**
   * The remote's annotated tags (`git ls-remote`), nothing fetched. Without a remote, this
   * repository's own: it is then the registry of record, and nothing can diverge from it.
   */
  remoteTags(): Promise<TagRef[]>;
  /**
   * Replaces `tags` here with the remote's (fetched, overwriting local ones of the same name): for
   * tags that lost to the remote, the registry of record. Without a remote it does nothing.
   */
  takeRemote(tags: string[]): Promise<void>;
  /**
   * Create an annotated tag on `ref` (default HEAD). Throws RegistryConflict when the tag exists,
   * locally or on the configured remote.
   */
  create(tag: string, message: string, ref?: string): Promise<TagRecord>;
  /**
   * Publish created tags to the remote, all or none (`git push --atomic`); RegistryConflict when
   * the remote already has one. Without a remote it does nothing, so callers never branch on it.
   */
  push(tags: string[]): Promise<void>;
  /**
   * Of `files`, those the commit a tag on HEAD would name does not hold as they are, so a version is
   * not tagged on a commit without the data that made it.
   */
  uncommitted(files: string[]): Promise<UncommittedInput[]>;
}

/** An input a tag on HEAD would not name as it is. */
export interface UncommittedInput {
  /** As the repository names it when `changed`; as asked when `outside-repository`. */
  file: string;
  /**
   * `changed`: modified or never committed. `outside-repository`: it lies outside the repository
   * the tags are in (directly or through a link), so no commit there can hold it.
   */
  why: 'changed' | 'outside-repository';
}

/** A file attached to a release. */
export interface ReleaseAsset {
  name: string;
  data: Uint8Array;
}

/** A release to publish: named like its tag, notes are the model card. */
export interface Release {
  tag: string;
  name: string;
  notes: string;
  assets: ReleaseAsset[];
}

/** Where version bundles live: GitHub releases, or a local folder standing in for them. */
export interface ReleaseStore {
  /** Publish a release with its assets (plus `SHA256SUMS`); RegistryConflict when it exists. */
  publish(release: Release): Promise<{ url: string }>;
  /** One asset's bytes, verified against the release's `SHA256SUMS`. */
  download(tag: string, assetName: string): Promise<Uint8Array>;
  /** The asset names of a release, empty when there is no release for `tag`. */
  list(tag: string): Promise<string[]>;
  /** Where people see the release of `tag`: its GitHub page, or the local folder's file URL. */
  pageUrl(tag: string): string;
}
