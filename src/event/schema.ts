import {
  CloudFormationCustomResourceCreateSchema,
  CloudFormationCustomResourceDeleteSchema,
  CloudFormationCustomResourceUpdateSchema,
} from '@aws-lambda-powertools/parser/schemas/cloudformation-custom-resource';
import * as z from 'zod';

/**
 * `ServiceTimeout` as CloudFormation sends it: a string of whole seconds from 1 to 3600 (a number is accepted too,
 * for events written by hand or by tests).
 */
const ServiceTimeoutSchema = z.union([z.string(), z.number()]).optional();

/**
 * What Powertools' schemas leave out, added back: CloudFormation sends `PhysicalResourceId` on Update and Delete
 * (Powertools strips it), may send `ServiceTimeout`, and the top-level `ServiceToken` is not needed to answer.
 */
const extension = {
  ServiceToken: z.string().optional(),
  ServiceTimeout: ServiceTimeoutSchema,
} as const;

/** `PhysicalResourceId`, which only Update and Delete carry: made with their schema, never for a Create. */
const physicalResourceIdSchema = () => z.string().min(1, 'expected a non-empty string');

const makeCreate = () => z.object({ ...CloudFormationCustomResourceCreateSchema.shape, ...extension });
const makeUpdate = () =>
  z.object({
    ...CloudFormationCustomResourceUpdateSchema.shape,
    ...extension,
    PhysicalResourceId: physicalResourceIdSchema(),
  });
const makeDelete = () =>
  z.object({
    ...CloudFormationCustomResourceDeleteSchema.shape,
    ...extension,
    PhysicalResourceId: physicalResourceIdSchema(),
  });
type EventSchemas = {
  readonly Create: ReturnType<typeof makeCreate>;
  readonly Update: ReturnType<typeof makeUpdate>;
  readonly Delete: ReturnType<typeof makeDelete>;
};
const MAKE: { readonly [K in keyof EventSchemas]: () => EventSchemas[K] } = {
  Create: makeCreate,
  Update: makeUpdate,
  Delete: makeDelete,
};
const made: { -readonly [K in keyof EventSchemas]?: EventSchemas[K] } = {};

/**
 * The schema of one request type, made at its first use: an invocation parses one request, and a provider's first
 * request needs only its own type's schema before it is answered.
 */
export function eventSchemaOf<K extends keyof EventSchemas>(requestType: K): EventSchemas[K] {
  made[requestType] ??= MAKE[requestType]();
  return made[requestType] as EventSchemas[K];
}

/** The three request types' schemas, told apart by `RequestType`. */
export const eventUnion = () =>
  z.discriminatedUnion('RequestType', [
    eventSchemaOf('Create'),
    eventSchemaOf('Update'),
    eventSchemaOf('Delete'),
  ]);

/** A `Create` request, as CloudFormation sends it. */
export const CreateEventSchema = /* @__PURE__ */ eventSchemaOf('Create');

/** An `Update` request, as CloudFormation sends it. */
export const UpdateEventSchema = /* @__PURE__ */ eventSchemaOf('Update');

/** A `Delete` request, as CloudFormation sends it. */
export const DeleteEventSchema = /* @__PURE__ */ eventSchemaOf('Delete');

/**
 * Any custom-resource request, told apart by its `RequestType`. Made when this module loads, where it is imported:
 * crkit's own parsing does not use it (see {@link eventSchemaOf}), so a bundle that does not import it leaves it out.
 */
export const CustomResourceEventSchema = /* @__PURE__ */ eventUnion();

/** A custom-resource `Create` request. */
export type CreateEvent = z.infer<typeof CreateEventSchema>;
/** A custom-resource `Update` request. */
export type UpdateEvent = z.infer<typeof UpdateEventSchema>;
/** A custom-resource `Delete` request. */
export type DeleteEvent = z.infer<typeof DeleteEventSchema>;
/** Any custom-resource request. */
export type CustomResourceEvent = z.infer<typeof CustomResourceEventSchema>;
/** `Create`, `Update` or `Delete`. */
export type RequestType = CustomResourceEvent['RequestType'];
