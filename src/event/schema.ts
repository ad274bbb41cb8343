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

const PhysicalResourceIdSchema = z.string().min(1, 'expected a non-empty string');

/** A `Create` request, as CloudFormation sends it. */
export const CreateEventSchema = CloudFormationCustomResourceCreateSchema.extend(extension);

/** An `Update` request, as CloudFormation sends it. */
export const UpdateEventSchema = CloudFormationCustomResourceUpdateSchema.extend({
  ...extension,
  PhysicalResourceId: PhysicalResourceIdSchema,
});

/** A `Delete` request, as CloudFormation sends it. */
export const DeleteEventSchema = CloudFormationCustomResourceDeleteSchema.extend({
  ...extension,
  PhysicalResourceId: PhysicalResourceIdSchema,
});

/** Any custom-resource request, told apart by its `RequestType`. */
export const CustomResourceEventSchema = z.discriminatedUnion('RequestType', [
  CreateEventSchema,
  UpdateEventSchema,
  DeleteEventSchema,
]);

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
