import { EXIT_CODES_HELP } from './exit-codes.js';
import { PROVIDER_FLAGS_HELP } from './provider-session.js';

/** `crkit --help`. */
export const MAIN_HELP = `crkit: run CloudFormation custom-resource providers on your machine, the way CloudFormation drives them.

Usage:
  crkit demo                  run the ready-made providers through their lifecycles against the local emulator
  crkit lifecycle <module>    play create, update, replacement and delete, shown like CloudFormation's stack events
  crkit invoke <module>       send one request and print the response CloudFormation would get

<module> is a .ts or .js file exporting a resource definition, a router, or a Lambda \`handler\`.
Run \`crkit <command> --help\` for the flags of a command, \`crkit --version\` for the version.

${EXIT_CODES_HELP}
`;

/** `crkit invoke --help`. */
export const INVOKE_HELP = `Usage: crkit invoke <module> [flags]

Sends one request to the provider and prints the response body CloudFormation would read (JSON on stdout).
The ResponseURL is always a local capture, also against real AWS.

Request:
  --type Create|Update|Delete   the RequestType (default Create)
  --properties JSON             ResourceProperties, e.g. '{"Name":"a"}' (default {})
  --old-properties JSON         OldResourceProperties of an Update (default {})
  --physical-id ID              PhysicalResourceId, required for Update and Delete
  --event FILE                  send this request instead (a CloudFormation event as JSON)

${PROVIDER_FLAGS_HELP}

Examples:
  crkit invoke providers/az-id-mapping/index.ts --local
  crkit invoke ./provider.ts --type Update --physical-id widget-a --properties '{"Size":2}' --old-properties '{"Size":1}'

${EXIT_CODES_HELP}
`;

/** `crkit lifecycle --help`. */
export const LIFECYCLE_HELP = `Usage: crkit lifecycle <module> [flags]

Plays the requests CloudFormation sends over a resource's life, with one StackId and LogicalResourceId, a fresh
RequestId each and every physical id taken from the previous answer, and prints them like stack events. By default:
create, an update in place (with --update), an update that replaces (with --replace) and its cleanup delete, delete.
A failed create is followed by its rollback delete, a failed update by its rollback update, as CloudFormation does.

Steps:
  --properties JSON   the properties to create with (default {})
  --update JSON       an update expected in place (the same physical id)
  --replace JSON      an update expected to replace the resource (a new physical id)
  --steps FILE        the steps as JSON instead, e.g.
                      [{"create":{"Name":"a"}}, {"update":{"Name":"b"},"expect":"replacement"},
                       {"update":{"Name":""},"expect":"failure"}, "delete"]
                      expect: success (default), in-place, replacement or failure

${PROVIDER_FLAGS_HELP}

Colour: on when stdout is a terminal; NO_COLOR=1 turns it off, FORCE_COLOR=1 on.

${EXIT_CODES_HELP}
`;

/** `crkit demo --help`. */
export const DEMO_HELP = `Usage: crkit demo

Starts the local AWS emulator (moto_server) and runs crkit's ready-made providers through their lifecycles, with
responses written to real pre-signed S3 URLs of the emulator: a Cognito test user (in a user pool made first), the
availability-zone id mapping, and the cross-account DNS record through an SNS topic and an SQS queue across two
accounts. After the steps it checks the outcomes in the emulator (the user is CONFIRMED and can sign in, the zone
data matches DescribeAvailabilityZones, the record resolves), then prints a summary.

Flags:
  -h, --help   show this help

Colour: on when stdout is a terminal; NO_COLOR=1 turns it off, FORCE_COLOR=1 on.

${EXIT_CODES_HELP}
`;
