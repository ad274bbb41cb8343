#!/usr/bin/env node
/**
 * The `crkit` command. Every module under src/cli adapts the test kit (`crkit/testing`) to a command line; this one
 * only wires the process to it.
 */
import { processIo } from './io.js';
import { runCli } from './run.js';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
const code = await runCli(process.argv.slice(2), processIo());
// The emulator is stopped; an SDK's kept-alive sockets must not hold the process open.
process.exit(code);
