/** What `crkit` exits with; `--help` lists them. */
export const EXIT = {
  /** Every request was answered as CloudFormation needs. */
  ok: 0,
  /** A step failed, a response was not one CloudFormation accepts, a check failed, or the module failed to load. */
  failed: 1,
  /** The command line is wrong: unknown command or flag, bad JSON, missing module or export. */
  usage: 2,
  /** The environment is missing something: moto_server, tsx for a .ts module, an AWS SDK client. */
  environment: 3,
} as const;

/** One of the exit codes. */
export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/** The exit codes as `--help` shows them. */
export const EXIT_CODES_HELP = `Exit codes:
  0  every request was answered as CloudFormation needs
  1  a step failed, a response was not one CloudFormation accepts, or a check failed
  2  usage error: unknown command or flag, bad JSON, missing module or export
  3  environment problem: moto_server missing (pip install "moto[server]"), tsx missing for a .ts module`;
