import type { LocalAws } from './local-aws.js';

/** What a `--setup` module's function receives. */
export interface SetupContext {
  /** The local emulator with `--local` (its SDK client configuration, account, endpoint), else undefined. */
  readonly aws: LocalAws | undefined;
}
